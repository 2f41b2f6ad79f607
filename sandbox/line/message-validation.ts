import { errorBodies, type ErrorBody, type ErrorDetail } from './error-bodies';

/**
 * Checks push and reply bodies the way LINE does: structural problems are listed together as
 * details of one 400, then a malformed recipient id is its own 400. Only text messages are checked
 * in depth because they are all Tanto sends; other documented types pass through as given.
 */
export const MAX_MESSAGES = 5;
export const MAX_TEXT_UTF16_UNITS = 5_000;

export const MESSAGE_TYPES = [
  'text',
  'textV2',
  'sticker',
  'image',
  'video',
  'audio',
  'location',
  'imagemap',
  'template',
  'flex',
  'coupon',
] as const;

/** Types LINE returns a quote token for when they are sent. */
const QUOTABLE_TYPES = new Set(['text', 'textV2', 'sticker', 'image', 'video']);

export type OutgoingMessage = Record<string, unknown> & { type: string };

export interface PushBody {
  to: string;
  messages: OutgoingMessage[];
  notificationDisabled: boolean;
  customAggregationUnits?: string[];
}

export interface ReplyBody {
  replyToken: string;
  messages: OutgoingMessage[];
  notificationDisabled: boolean;
}

export type BodyCheck<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

const RECIPIENT_ID = /^[UCR][0-9a-f]{32}$/;
const AGGREGATION_UNIT = /^[A-Za-z0-9_]{1,30}$/;

export function isQuotable(message: OutgoingMessage): boolean {
  return QUOTABLE_TYPES.has(message.type);
}

export function checkPushBody(body: unknown): BodyCheck<PushBody> {
  if (!isPlainObject(body)) return { ok: false, error: errorBodies.bodyErrors([required('to'), required('messages')]) };
  const details: ErrorDetail[] = [];
  checkNonEmptyString(body.to, 'to', details);
  const messages = checkMessages(body.messages, details);
  checkOptionalBoolean(body.notificationDisabled, 'notificationDisabled', details);
  const units = checkAggregationUnits(body.customAggregationUnits, details);
  if (details.length > 0) return { ok: false, error: errorBodies.bodyErrors(details) };
  const to = body.to as string;
  if (!RECIPIENT_ID.test(to)) return { ok: false, error: errorBodies.invalidProperty('to') };
  return {
    ok: true,
    value: {
      to,
      messages,
      notificationDisabled: body.notificationDisabled === true,
      ...(units === undefined ? {} : { customAggregationUnits: units }),
    },
  };
}

export function checkReplyBody(body: unknown): BodyCheck<ReplyBody> {
  if (!isPlainObject(body)) {
    return { ok: false, error: errorBodies.bodyErrors([required('replyToken'), required('messages')]) };
  }
  const details: ErrorDetail[] = [];
  checkNonEmptyString(body.replyToken, 'replyToken', details);
  const messages = checkMessages(body.messages, details);
  checkOptionalBoolean(body.notificationDisabled, 'notificationDisabled', details);
  if (details.length > 0) return { ok: false, error: errorBodies.bodyErrors(details) };
  return {
    ok: true,
    value: {
      replyToken: body.replyToken as string,
      messages,
      notificationDisabled: body.notificationDisabled === true,
    },
  };
}

function checkMessages(value: unknown, details: ErrorDetail[]): OutgoingMessage[] {
  if (value === undefined || value === null) {
    details.push(required('messages'));
    return [];
  }
  if (!Array.isArray(value)) {
    details.push({ message: 'must be an array', property: 'messages' });
    return [];
  }
  if (value.length < 1 || value.length > MAX_MESSAGES) {
    details.push({ message: `Size must be between 1 and ${MAX_MESSAGES}`, property: 'messages' });
    return [];
  }
  value.forEach((message: unknown, index) => checkMessage(message, `messages[${index}]`, details));
  return value as OutgoingMessage[];
}

function checkMessage(message: unknown, path: string, details: ErrorDetail[]): void {
  if (!isPlainObject(message)) {
    details.push({ message: 'must be an object', property: path });
    return;
  }
  const { type } = message;
  if (type === undefined || type === null) {
    details.push(required(`${path}.type`));
    return;
  }
  if (typeof type !== 'string' || !(MESSAGE_TYPES as readonly string[]).includes(type)) {
    details.push({
      message: `Must be one of the following values: [${MESSAGE_TYPES.join(', ')}]`,
      property: `${path}.type`,
    });
    return;
  }
  if (type === 'text' || type === 'textV2') checkText(message.text, `${path}.text`, details);
}

function checkText(text: unknown, property: string, details: ErrorDetail[]): void {
  if (text === undefined || text === null) {
    details.push(required(property));
  } else if (typeof text !== 'string') {
    details.push({ message: 'must be a string', property });
  } else if (text.length === 0) {
    details.push({ message: 'May not be empty', property });
  } else if (text.length > MAX_TEXT_UTF16_UNITS) {
    // String length counts UTF-16 code units, which is how LINE counts: an emoji outside the
    // Basic Multilingual Plane is two.
    details.push({ message: `Length must be between 0 and ${MAX_TEXT_UTF16_UNITS}`, property });
  }
}

function checkNonEmptyString(value: unknown, property: string, details: ErrorDetail[]): void {
  if (value === undefined || value === null) details.push(required(property));
  else if (typeof value !== 'string') details.push({ message: 'must be a string', property });
  else if (value.length === 0) details.push({ message: 'May not be empty', property });
}

function checkOptionalBoolean(value: unknown, property: string, details: ErrorDetail[]): void {
  if (value !== undefined && typeof value !== 'boolean') details.push({ message: 'must be a boolean', property });
}

function checkAggregationUnits(value: unknown, details: ErrorDetail[]): string[] | undefined {
  if (value === undefined) return undefined;
  const property = 'customAggregationUnits';
  if (!Array.isArray(value)) {
    details.push({ message: 'must be an array', property });
    return undefined;
  }
  if (value.length > 1) details.push({ message: 'Size must be between 0 and 1', property });
  value.forEach((unit: unknown, index) => {
    if (typeof unit !== 'string' || !AGGREGATION_UNIT.test(unit)) {
      details.push({ message: 'must be 1 to 30 letters, digits or underscores', property: `${property}[${index}]` });
    }
  });
  return value as string[];
}

function required(property: string): ErrorDetail {
  return { message: 'must be specified', property };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
