import { HTTPFetchError } from '@line/bot-sdk';

/**
 * How a LINE call failed, reduced to what the caller must decide: retry later (`transient`:
 * network trouble, timeouts, 5xx, 429) or stop and show someone (`permanent`: any other 4xx, or
 * a message we refused to send). Messages never contain the channel access token.
 */
export type LineErrorKind = 'transient' | 'permanent';

export type LineErrorReason =
  | 'http'
  | 'network'
  | 'timeout'
  | 'invalid_response'
  | 'invalid_retry_key'
  | 'invalid_message'
  | 'invalid_argument';

export interface LineErrorDetail {
  message?: string;
  property?: string;
}

export interface LineErrorInfo {
  reason: LineErrorReason;
  status?: number;
  requestId?: string;
  details?: LineErrorDetail[];
}

export class LineError extends Error {
  override readonly name = 'LineError';
  readonly reason: LineErrorReason;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly details: LineErrorDetail[];

  constructor(
    readonly kind: LineErrorKind,
    message: string,
    info: LineErrorInfo,
  ) {
    super(message);
    this.reason = info.reason;
    this.status = info.status;
    this.requestId = info.requestId;
    this.details = info.details ?? [];
  }
}

export function kindForStatus(status: number): LineErrorKind {
  return status === 429 || status >= 500 ? 'transient' : 'permanent';
}

/** LINE's error text is untrusted and could be long; keep enough to act on. */
const MAX_REMOTE_TEXT = 300;

/**
 * Turns whatever the SDK or fetch threw into a LineError. `secret` is scrubbed from the message
 * as a last guard, although nothing built here should ever contain it.
 */
export function toLineError(operation: string, error: unknown, secret: string): LineError {
  if (error instanceof LineError) return error;
  if (error instanceof HTTPFetchError) {
    const remote = parseErrorBody(error.body);
    const requestId = error.headers.get('x-line-request-id') ?? undefined;
    const detailText = remote.details
      .map((detail) => [detail.property, detail.message].filter(Boolean).join(': '))
      .filter((text) => text.length > 0)
      .join('; ');
    const summary = [remote.message, detailText && `(${detailText})`].filter(Boolean).join(' ');
    const message = `LINE ${operation} failed with HTTP ${error.status}${summary ? `: ${truncate(summary)}` : ''}`;
    return new LineError(kindForStatus(error.status), redact(message, secret), {
      reason: 'http',
      status: error.status,
      details: remote.details,
      ...(requestId === undefined ? {} : { requestId }),
    });
  }
  if (error instanceof TimeoutError) {
    return new LineError('transient', `LINE ${operation} timed out after ${error.timeoutMs} ms`, { reason: 'timeout' });
  }
  const cause = networkCause(error);
  return new LineError('transient', redact(`LINE ${operation} failed: network error (${truncate(cause)})`, secret), {
    reason: 'network',
  });
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

export function redact(text: string, secret: string): string {
  return secret.length === 0 ? text : text.split(secret).join('[redacted]');
}

function parseErrorBody(body: string): { message: string; details: LineErrorDetail[] } {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null) return { message: '', details: [] };
    const record = parsed as Record<string, unknown>;
    const details = Array.isArray(record.details)
      ? record.details.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null)
          .map((item) => ({
            ...(typeof item.message === 'string' ? { message: item.message } : {}),
            ...(typeof item.property === 'string' ? { property: item.property } : {}),
          }))
      : [];
    return { message: typeof record.message === 'string' ? record.message : '', details };
  } catch {
    return { message: '', details: [] };
  }
}

function networkCause(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown failure';
  const cause = error.cause;
  if (typeof cause === 'object' && cause !== null) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const message = (cause as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return error.message;
}

function truncate(text: string): string {
  return text.length > MAX_REMOTE_TEXT ? `${text.slice(0, MAX_REMOTE_TEXT)}…` : text;
}
