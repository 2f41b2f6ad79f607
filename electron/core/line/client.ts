import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { z } from 'zod';
import { LineError, TimeoutError, toLineError } from './errors';

export interface LineClientOptions {
  channelAccessToken: string;
  /** LINE's API host by default; the sandbox's URL in tests and the demo. */
  baseUrl?: string;
  /** Each call gives up after this long and fails as transient. */
  timeoutMs?: number;
}

export type LineMessage = messagingApi.Message;

export interface SentMessage {
  id: string;
  quoteToken?: string;
}

/**
 * `already_delivered` is success: LINE accepted this retry key before (the earlier answer was
 * lost, or the app crashed after sending), so the customer has the message exactly once.
 */
export type PushResult =
  | { status: 'delivered'; requestId: string | null; sentMessages: SentMessage[] }
  | { status: 'already_delivered'; acceptedRequestId: string | null };

export interface LineProfile {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
}

export interface LineClient {
  push(to: string, messages: LineMessage[], retryKey: string, options?: { notificationDisabled?: boolean }): Promise<PushResult>;
  /** null when LINE has no profile for the user: unknown id, not a friend, or blocked. */
  getProfile(userId: string): Promise<LineProfile | null>;
  /** Follower ids, one page per iteration (at most `limit`, LINE's maximum is 1,000). */
  followerIds(options?: { limit?: number }): AsyncGenerator<string[], void, undefined>;
}

export const DEFAULT_LINE_BASE_URL = 'https://api.line.me';
export const DEFAULT_LINE_TIMEOUT_MS = 30_000;
const MAX_FOLLOWER_PAGE = 1_000;
const RETRY_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// What LINE sends is untrusted: check the shape before anything downstream relies on it.
const profileSchema = z.object({
  userId: z.string().min(1),
  displayName: z.string(),
  pictureUrl: z.string().optional(),
  statusMessage: z.string().optional(),
  language: z.string().optional(),
});
const followersSchema = z.object({ userIds: z.array(z.string()), next: z.string().optional() });
const pushResponseSchema = z.object({
  sentMessages: z.array(z.object({ id: z.string(), quoteToken: z.string().optional() })),
});

/**
 * The LINE Messaging API as Tanto uses it, on the official SDK. The token lives only inside
 * the SDK client captured here; it is not a property of the returned object.
 */
export function createLineClient(options: LineClientOptions): LineClient {
  const token = options.channelAccessToken;
  if (token.trim().length === 0) throw new TypeError('createLineClient needs a channel access token');
  const timeoutMs = options.timeoutMs ?? DEFAULT_LINE_TIMEOUT_MS;
  const sdk = new messagingApi.MessagingApiClient({
    channelAccessToken: token,
    baseURL: options.baseUrl ?? DEFAULT_LINE_BASE_URL,
  });

  const call = async <T>(operation: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(run(), timeoutMs);
    } catch (error) {
      throw toLineError(operation, error, token);
    }
  };

  return {
    async push(to, messages, retryKey, pushOptions = {}) {
      if (!RETRY_KEY.test(retryKey)) {
        throw new LineError('permanent', 'LINE push needs a retry key in UUID form', { reason: 'invalid_retry_key' });
      }
      const request: messagingApi.PushMessageRequest = {
        to,
        messages,
        ...(pushOptions.notificationDisabled === undefined ? {} : { notificationDisabled: pushOptions.notificationDisabled }),
      };
      try {
        const response = await withTimeout(sdk.pushMessageWithHttpInfo(request, retryKey), timeoutMs);
        const body = parseResponse('push', pushResponseSchema, response.body);
        return {
          status: 'delivered',
          requestId: response.httpResponse.headers.get('x-line-request-id'),
          sentMessages: body.sentMessages,
        };
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 409) {
          return { status: 'already_delivered', acceptedRequestId: error.headers.get('x-line-accepted-request-id') };
        }
        throw toLineError('push', error, token);
      }
    },

    async getProfile(userId) {
      try {
        // The SDK puts the id into the path as given; encoding keeps a hostile id inside its segment.
        const body = await withTimeout(sdk.getProfile(encodeURIComponent(userId)), timeoutMs);
        return parseResponse('profile', profileSchema, body);
      } catch (error) {
        if (error instanceof HTTPFetchError && error.status === 404) return null;
        throw toLineError('profile', error, token);
      }
    },

    async *followerIds(pageOptions = {}) {
      const limit = pageOptions.limit;
      if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= MAX_FOLLOWER_PAGE)) {
        throw new LineError('permanent', `follower page size must be 1 to ${MAX_FOLLOWER_PAGE}`, {
          reason: 'invalid_argument',
        });
      }
      let start: string | undefined;
      do {
        const body = await call('followers', () => sdk.getFollowers(start, limit));
        const page = parseResponse('followers', followersSchema, body);
        yield page.userIds;
        start = page.next;
      } while (start !== undefined && start.length > 0);
    },
  };
}

function parseResponse<T>(operation: string, schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new LineError('permanent', `LINE ${operation} answered with an unexpected body`, { reason: 'invalid_response' });
}

/** The SDK takes no abort signal, so a slow call is abandoned rather than cancelled. */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
