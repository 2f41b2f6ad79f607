import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lineUserIdFor } from '../../sandbox/line/profiles';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { loadLineContract, type LineContract } from './line-openapi';

/**
 * The LINE sandbox's answers held against LINE's own OpenAPI document. Where the document is
 * silent (it defines no response headers, and no 401 or a 404 for profiles), the checks follow
 * LINE's published reference: every answer carries x-line-request-id, a 409 also
 * x-line-accepted-request-id, and every error body is an ErrorResponse.
 */
let contract: LineContract;
let sandbox: LineSandbox;
let to: string;

beforeAll(async () => {
  contract = await loadLineContract();
  sandbox = await startLineSandbox({ followerCount: 1_500 });
}, 60_000);
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  to = sandbox.followerIds()[0] ?? '';
});

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(path: string, init: { body?: unknown; headers?: Record<string, string>; token?: string | null } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? sandbox.channelToken}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method: init.body === undefined ? 'GET' : 'POST',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const text = (value: string) => ({ type: 'text', text: value });
const push = (body: unknown, retryKey?: string) =>
  call('/v2/bot/message/push', { body, ...(retryKey === undefined ? {} : { headers: { 'X-Line-Retry-Key': retryKey } }) });

function expectConforms(operationId: string, answer: Answer, status: number): void {
  expect(answer.status).toBe(status);
  expect(contract.checkResponse(operationId, answer.status, answer.body, answer.headers)).toEqual([]);
  expect(answer.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
}

describe('push answers', () => {
  it('200 with sent messages', async () => {
    const answer = await push({ to, messages: [text('こんにちは 🎉'), { type: 'sticker', packageId: '446', stickerId: '1988' }, { type: 'location', title: '店舗', address: '東京都', latitude: 35.68, longitude: 139.76 }] });
    expectConforms('pushMessage', answer, 200);
  });

  it.each([
    ['no messages', (recipient: string) => ({ to: recipient, messages: [] })],
    ['six messages', (recipient: string) => ({ to: recipient, messages: Array.from({ length: 6 }, () => text('x')) })],
    ['5,001 UTF-16 units', (recipient: string) => ({ to: recipient, messages: [text(`${'a'.repeat(4_999)}😀`)] })],
    ['no recipient', () => ({ messages: [text('x')] })],
    ['a malformed recipient', () => ({ to: 'member-1', messages: [text('x')] })],
    ['a recipient who is nobody', () => ({ to: lineUserIdFor('nobody'), messages: [text('x')] })],
  ])('400 for %s', async (_name, body) => {
    expectConforms('pushMessage', await push(body(to)), 400);
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('400 for a retry key that is not a UUID', async () => {
    expectConforms('pushMessage', await push({ to, messages: [text('x')] }, 'request-1'), 400);
  });

  it('409 for a replayed retry key, naming the accepted request', async () => {
    const key = '0b6d4f0e-8a8e-4c0a-9a53-3f1d2b7c9e10';
    const first = await push({ to, messages: [text('一度だけ')] }, key);
    expectConforms('pushMessage', first, 200);
    const replay = await push({ to, messages: [text('一度だけ')] }, key);
    expectConforms('pushMessage', replay, 409);
    expect(replay.headers.get('x-line-accepted-request-id')).toBe(first.headers.get('x-line-request-id'));
    expect(replay.body).toMatchObject({ sentMessages: (first.body as { sentMessages: unknown }).sentMessages });
  });

  it('429 above the rate limit', async () => {
    sandbox.setRateLimit(1);
    expectConforms('pushMessage', await push({ to, messages: [text('a')] }), 200);
    expectConforms('pushMessage', await push({ to, messages: [text('b')] }), 429);
  });
});

describe('reply answers', () => {
  it('200 and 400', async () => {
    const replyToken = sandbox.issueReplyToken(to);
    expectConforms('replyMessage', await call('/v2/bot/message/reply', { body: { replyToken, messages: [text('x')] } }), 200);
    expectConforms('replyMessage', await call('/v2/bot/message/reply', { body: { replyToken, messages: [text('x')] } }), 400);
  });
});

describe('profile answers', () => {
  it('200 for every seeded follower, including decorated and hostile names', async () => {
    for (const userId of sandbox.followerIds().slice(0, 60)) {
      expectConforms('getProfile', await call(`/v2/bot/profile/${userId}`), 200);
    }
  });

  it('200 for a profile the demo registered', async () => {
    const userId = lineUserIdFor('member-1');
    sandbox.addProfiles([{ userId, displayName: '<img src=x onerror=alert(1)>', pictureUrl: 'https://profile.line-scdn.net/0habc' }]);
    expectConforms('getProfile', await call(`/v2/bot/profile/${userId}`), 200);
  });

  it('404 is not in the document for getProfile; its body is LINE\'s ErrorResponse', async () => {
    const answer = await call(`/v2/bot/profile/${lineUserIdFor('nobody')}`);
    expect(answer.status).toBe(404);
    expect(contract.checkResponse('getProfile', 404, answer.body, answer.headers)).toEqual([
      'the document defines no 404 answer for getProfile',
    ]);
    expect(contract.checkComponent('ErrorResponse', answer.body)).toEqual([]);
    expect(answer.headers.get('x-line-request-id')).toBeTruthy();
  });
});

describe('followers answers', () => {
  it('200 for every page, with and without a continuation token', async () => {
    const first = await call('/v2/bot/followers/ids?limit=1000');
    expectConforms('getFollowers', first, 200);
    const next = (first.body as { next?: string }).next;
    expect(next).toBeTruthy();
    const last = await call(`/v2/bot/followers/ids?limit=1000&start=${encodeURIComponent(next ?? '')}`);
    expectConforms('getFollowers', last, 200);
    expect(last.body).not.toHaveProperty('next');
  });
});

describe('answers the document leaves out', () => {
  it('401 without a token is an ErrorResponse', async () => {
    const answer = await push({ to, messages: [text('x')] }).then(() => call(`/v2/bot/profile/${to}`, { token: null }));
    expect(answer.status).toBe(401);
    expect(contract.checkComponent('ErrorResponse', answer.body)).toEqual([]);
  });

  it('injected 5xx are ErrorResponses', async () => {
    sandbox.setFaults({ errorRate: 1 });
    const failed = await call(`/v2/bot/profile/${to}`);
    expect(failed.status).toBe(500);
    expect(contract.checkComponent('ErrorResponse', failed.body)).toEqual([]);
  });
});
