import type { messagingApi } from '@line/bot-sdk';
import { LineError } from './errors';

/** LINE counts text length in UTF-16 code units: an emoji outside the BMP counts as two. */
export const LINE_TEXT_MAX_UTF16_UNITS = 5_000;

export function utf16Length(text: string): number {
  return text.length;
}

/**
 * A text message checked locally against LINE's limits, so a message that LINE would refuse
 * fails here with a clear reason instead of as a 400 in the middle of a robot run.
 */
export function textMessage(text: string): messagingApi.TextMessage {
  if (text.length === 0) {
    throw new LineError('permanent', 'A LINE text message cannot be empty', { reason: 'invalid_message' });
  }
  const units = utf16Length(text);
  if (units > LINE_TEXT_MAX_UTF16_UNITS) {
    throw new LineError(
      'permanent',
      `A LINE text message is limited to ${LINE_TEXT_MAX_UTF16_UNITS} characters (UTF-16 units); this one has ${units}`,
      { reason: 'invalid_message' },
    );
  }
  return { type: 'text', text };
}
