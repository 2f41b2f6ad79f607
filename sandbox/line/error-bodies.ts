import type { SentMessage } from './retry-keys';

/** LINE's ErrorResponse: every error answer of the Messaging API has this shape. */
export interface ErrorDetail {
  message: string;
  property: string;
}

export interface ErrorBody {
  message: string;
  details?: ErrorDetail[];
  sentMessages?: SentMessage[];
}

/** The wording follows LINE's published error messages so the client sees what production sends. */
export const errorBodies = {
  missingAuthorization: (): ErrorBody => ({
    message: "Authorization header required. Must follow the scheme, 'Authorization: Bearer <ACCESS TOKEN>'",
  }),
  invalidToken: (): ErrorBody => ({
    message:
      'Authentication failed due to the following reason: invalid token. Confirm that the access token in the authorization header is valid.',
  }),
  rateLimited: (): ErrorBody => ({ message: 'The API rate limit has been exceeded. Try again later.' }),
  notFound: (): ErrorBody => ({ message: 'Not found' }),
  methodNotAllowed: (): ErrorBody => ({ message: 'Method not allowed' }),
  unsupportedContentType: (contentType: string): ErrorBody => ({
    message: `The content type, ${contentType || 'none'}, is not supported`,
  }),
  unparsableJson: (line: string, column: string): ErrorBody => ({
    message: `The request body could not be parsed as JSON (line: ${line}, column: ${column})`,
  }),
  bodyTooLarge: (): ErrorBody => ({ message: 'The request body exceeds the maximum size of 2MB' }),
  bodyErrors: (details: ErrorDetail[]): ErrorBody => ({
    message: `The request body has ${details.length} error(s)`,
    details,
  }),
  invalidProperty: (property: string): ErrorBody => ({
    message: `The property, '${property}', in the request body is invalid (line: -, column: -)`,
  }),
  failedToSend: (): ErrorBody => ({ message: 'Failed to send messages' }),
  invalidReplyToken: (): ErrorBody => ({ message: 'Invalid reply token' }),
  invalidRetryKey: (): ErrorBody => ({
    message: 'The value of the X-Line-Retry-Key header is invalid',
    details: [{ message: 'must be a UUID in hexadecimal format', property: 'X-Line-Retry-Key' }],
  }),
  retryKeyNotSupported: (): ErrorBody => ({
    message: 'The X-Line-Retry-Key header is not supported by this endpoint',
    details: [{ message: 'only the push endpoint accepts a retry key', property: 'X-Line-Retry-Key' }],
  }),
  retryKeyAccepted: (sentMessages: SentMessage[]): ErrorBody => ({
    message: 'The retry key is already accepted',
    sentMessages,
  }),
  queryErrors: (details: ErrorDetail[]): ErrorBody => ({
    message: `The request has ${details.length} error(s)`,
    details,
  }),
};
