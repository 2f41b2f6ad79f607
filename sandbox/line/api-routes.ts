import { timingSafeEqual, createHash } from 'node:crypto';
import type http from 'node:http';
import { readBody, sendJson } from '../shared/http';
import { errorBodies, type ErrorBody } from './error-bodies';
import { checkPushBody, checkReplyBody, isQuotable, type OutgoingMessage } from './message-validation';
import type { RecordedRequest } from './recorder';
import { isRetryKey, type SentMessage } from './retry-keys';
import { newQuoteToken, type LineSandboxState } from './state';

/** LINE refuses request bodies over 2 MB. */
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const FOLLOWERS_DEFAULT_LIMIT = 300;
const FOLLOWERS_MAX_LIMIT = 1_000;

type Route = 'push' | 'reply' | 'profile' | 'followers';

/** Answers one request to the imitated Messaging API (everything under /v2). */
export async function handleLineApi(
  state: LineSandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: RecordedRequest,
): Promise<void> {
  const body = req.method === 'POST' ? await readRequestBody(req, entry) : { text: '' };
  if (await state.faults.apply(res)) return;
  const authFailure = checkAuthorization(state.channelToken, req.headers.authorization);
  if (authFailure !== null) return sendError(res, 401, authFailure);
  if (!state.limiter.tryAcquire(state.clock.now().getTime())) return sendError(res, 429, errorBodies.rateLimited());

  const matched = matchRoute(entry.path);
  if (matched === null) return sendError(res, 404, errorBodies.notFound());
  const expectedMethod = matched.route === 'profile' || matched.route === 'followers' ? 'GET' : 'POST';
  if (req.method !== expectedMethod) return sendError(res, 405, errorBodies.methodNotAllowed(), { allow: expectedMethod });
  if ('tooLarge' in body) return sendError(res, 413, errorBodies.bodyTooLarge());

  const retryKey = singleHeader(req.headers['x-line-retry-key']);
  if (matched.route !== 'push' && retryKey !== undefined) return sendError(res, 400, errorBodies.retryKeyNotSupported());

  switch (matched.route) {
    case 'push':
      return push(state, req, res, entry, body.text, retryKey);
    case 'reply':
      return reply(state, req, res, entry, body.text);
    case 'profile':
      return profile(state, res, matched.userId);
    case 'followers':
      return followers(state, res, entry.query);
  }
}

function push(
  state: LineSandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: RecordedRequest,
  text: string,
  retryKey: string | undefined,
): void {
  const contentTypeFailure = checkContentType(req);
  if (contentTypeFailure !== null) return sendError(res, 415, contentTypeFailure);
  const nowMs = state.clock.now().getTime();
  if (retryKey !== undefined) {
    if (!isRetryKey(retryKey)) return sendError(res, 400, errorBodies.invalidRetryKey());
    const accepted = state.retryKeys.find(retryKey, nowMs);
    if (accepted !== undefined) {
      return sendError(res, 409, errorBodies.retryKeyAccepted(accepted.sentMessages), {
        'x-line-accepted-request-id': accepted.requestId,
      });
    }
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return sendError(res, 400, parsed.error);
  const checked = checkPushBody(parsed.value);
  if (!checked.ok) return sendError(res, 400, checked.error);
  const recipient = state.profiles.get(checked.value.to);
  // LINE answers a well-formed id that is nobody's (or another provider's) with this 400.
  if (recipient === undefined) return sendError(res, 400, errorBodies.failedToSend());

  const sentMessages = sentMessagesFor(state, checked.value.messages);
  if (retryKey !== undefined) {
    state.retryKeys.remember(retryKey, { requestId: entry.requestId, sentMessages, acceptedAtMs: nowMs });
  }
  // A user who blocked the account still gets a 200 from LINE; the message simply never arrives.
  if (!recipient.blocked) {
    state.recorder.delivered({
      requestId: entry.requestId,
      via: 'push',
      to: recipient.userId,
      messages: checked.value.messages,
      retryKey: retryKey?.toLowerCase() ?? null,
      notificationDisabled: checked.value.notificationDisabled,
      at: new Date(nowMs).toISOString(),
    });
  }
  if (state.dropResponsesAfterDelivery > 0) {
    // The crash-after-accept case retry keys exist for: LINE took the message, the answer is lost.
    state.dropResponsesAfterDelivery -= 1;
    entry.status = 0;
    req.socket.destroy();
    return;
  }
  sendJson(res, 200, { sentMessages });
}

function reply(
  state: LineSandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  entry: RecordedRequest,
  text: string,
): void {
  const contentTypeFailure = checkContentType(req);
  if (contentTypeFailure !== null) return sendError(res, 415, contentTypeFailure);
  const parsed = parseJson(text);
  if (!parsed.ok) return sendError(res, 400, parsed.error);
  const checked = checkReplyBody(parsed.value);
  if (!checked.ok) return sendError(res, 400, checked.error);
  const userId = state.replyTokens.get(checked.value.replyToken);
  if (userId === undefined) return sendError(res, 400, errorBodies.invalidReplyToken());
  // A reply token is good for one reply only.
  state.replyTokens.delete(checked.value.replyToken);
  const sentMessages = sentMessagesFor(state, checked.value.messages);
  state.recorder.delivered({
    requestId: entry.requestId,
    via: 'reply',
    to: userId,
    messages: checked.value.messages,
    retryKey: null,
    notificationDisabled: checked.value.notificationDisabled,
    at: state.clock.now().toISOString(),
  });
  sendJson(res, 200, { sentMessages });
}

function profile(state: LineSandboxState, res: http.ServerResponse, userId: string): void {
  const found = state.profiles.get(userId);
  if (found === undefined || found.blocked) return sendError(res, 404, errorBodies.notFound());
  const { blocked: _blocked, ...visible } = found;
  sendJson(res, 200, visible);
}

function followers(state: LineSandboxState, res: http.ServerResponse, query: Record<string, string>): void {
  const problems: { message: string; property: string }[] = [];
  let limit = FOLLOWERS_DEFAULT_LIMIT;
  if (query.limit !== undefined) {
    limit = /^\d+$/.test(query.limit) ? Number(query.limit) : Number.NaN;
    if (!(limit >= 1 && limit <= FOLLOWERS_MAX_LIMIT)) {
      problems.push({ message: `must be an integer between 1 and ${FOLLOWERS_MAX_LIMIT}`, property: 'limit' });
    }
  }
  let offset = 0;
  if (query.start !== undefined) {
    const decoded = decodeContinuation(query.start);
    if (decoded === null) problems.push({ message: 'is not a continuation token from this API', property: 'start' });
    else offset = decoded;
  }
  if (problems.length > 0) return sendError(res, 400, errorBodies.queryErrors(problems));
  const ids = state.profiles.followerIds();
  const userIds = ids.slice(offset, offset + limit);
  const nextOffset = offset + userIds.length;
  sendJson(res, 200, nextOffset < ids.length ? { userIds, next: encodeContinuation(nextOffset) } : { userIds });
}

function sentMessagesFor(state: LineSandboxState, messages: OutgoingMessage[]): SentMessage[] {
  return messages.map((message) =>
    isQuotable(message) ? { id: state.nextMessageId(), quoteToken: newQuoteToken() } : { id: state.nextMessageId() },
  );
}

function matchRoute(path: string): { route: Route; userId: string } | null {
  if (path === '/v2/bot/message/push') return { route: 'push', userId: '' };
  if (path === '/v2/bot/message/reply') return { route: 'reply', userId: '' };
  if (path === '/v2/bot/followers/ids') return { route: 'followers', userId: '' };
  const profileMatch = /^\/v2\/bot\/profile\/([^/]+)$/.exec(path);
  if (profileMatch?.[1] !== undefined) {
    try {
      return { route: 'profile', userId: decodeURIComponent(profileMatch[1]) };
    } catch {
      return null;
    }
  }
  return null;
}

async function readRequestBody(
  req: http.IncomingMessage,
  entry: RecordedRequest,
): Promise<{ text: string } | { tooLarge: true }> {
  try {
    const text = await readBody(req, MAX_BODY_BYTES);
    entry.body = recordableBody(text);
    return { text };
  } catch {
    entry.body = null;
    return { tooLarge: true };
  }
}

function recordableBody(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function checkAuthorization(expected: string, header: string | undefined): ErrorBody | null {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match?.[1] === undefined) return errorBodies.missingAuthorization();
  // Compare digests so the time taken says nothing about how much of the token matched.
  const given = createHash('sha256').update(match[1]).digest();
  const wanted = createHash('sha256').update(expected).digest();
  return timingSafeEqual(given, wanted) ? null : errorBodies.invalidToken();
}

function checkContentType(req: http.IncomingMessage): ErrorBody | null {
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';', 1)[0]?.trim().toLowerCase();
  return mediaType === 'application/json' ? null : errorBodies.unsupportedContentType(contentType);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: ErrorBody } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const where = /line (\d+) column (\d+)/.exec(error instanceof Error ? error.message : '');
    return { ok: false, error: errorBodies.unparsableJson(where?.[1] ?? '-', where?.[2] ?? '-') };
  }
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function sendError(res: http.ServerResponse, status: number, body: ErrorBody, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, headers);
}

function encodeContinuation(offset: number): string {
  return Buffer.from(`followers:${offset}`).toString('base64url');
}

function decodeContinuation(token: string): number | null {
  const match = /^followers:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
}
