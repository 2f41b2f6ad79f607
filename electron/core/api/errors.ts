/**
 * Errors that cross the API boundary. The kind tells the caller what to do about it;
 * the message is for a person and never contains a secret.
 */
export type ApiErrorKind =
  | 'invalid_argument'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'unauthorized'
  | 'internal';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiErrorPayload {
  kind: ApiErrorKind;
  message: string;
  details?: unknown;
}

export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof ApiError) {
    return error.details === undefined
      ? { kind: error.kind, message: error.message }
      : { kind: error.kind, message: error.message, details: error.details };
  }
  return { kind: 'internal', message: 'Internal error; see the log for details.' };
}
