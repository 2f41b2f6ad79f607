import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from './server';
import { callSandbox, firstFollower, pushBody } from './testing';

let sandbox: LineSandbox;
let to: string;
const key = '123e4567-e89b-12d3-a456-426614174000';
const otherKey = '9b2f0c1e-5d7a-4c3b-8e6f-1a2b3c4d5e6f';

beforeAll(async () => {
  sandbox = await startLineSandbox({ followerCount: 3 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  to = firstFollower(sandbox);
});

const push = (retryKey: string | null, texts = ['ご注文ありがとうございます']) =>
  callSandbox(sandbox, '/v2/bot/message/push', {
    body: pushBody(to, texts),
    ...(retryKey === null ? {} : { headers: { 'X-Line-Retry-Key': retryKey } }),
  });

describe('X-Line-Retry-Key on push', () => {
  it('delivers the first request and answers a replay 409 without delivering again', async () => {
    const first = await push(key);
    expect(first.status).toBe(200);
    const acceptedId = first.headers.get('x-line-request-id');

    const replay = await push(key);
    expect(replay.status).toBe(409);
    expect(replay.headers.get('x-line-accepted-request-id')).toBe(acceptedId);
    expect(replay.headers.get('x-line-request-id')).not.toBe(acceptedId);
    expect(replay.body).toEqual({
      message: 'The retry key is already accepted',
      sentMessages: (first.body as { sentMessages: unknown[] }).sentMessages,
    });

    const delivered = sandbox.delivered();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ requestId: acceptedId, retryKey: key });
  });

  it('treats the key case-insensitively', async () => {
    await push(key);
    const replay = await push(key.toUpperCase());
    expect(replay.status).toBe(409);
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('delivers again for a different key', async () => {
    expect((await push(key)).status).toBe(200);
    expect((await push(otherKey)).status).toBe(200);
    expect(sandbox.delivered()).toHaveLength(2);
  });

  it('keeps the key for 24 hours, then accepts it again', async () => {
    expect((await push(key)).status).toBe(200);
    sandbox.advanceClock(24 * 3600 - 1);
    expect((await push(key)).status).toBe(409);
    const clock = await callSandbox(sandbox, '/_sandbox/clock', { body: { advanceSeconds: 1 } });
    expect(clock.status).toBe(200);
    expect((await push(key)).status).toBe(200);
    expect(sandbox.delivered()).toHaveLength(2);
  });

  it('does not consume the key when the request failed', async () => {
    expect((await push(key, [])).status).toBe(400);
    sandbox.setFaults({ errorRate: 1 });
    expect((await push(key)).status).toBe(500);
    sandbox.setFaults({ errorRate: 0, outage: true });
    expect((await push(key)).status).toBe(503);
    sandbox.setFaults({ outage: false });
    sandbox.setRateLimit(1);
    await callSandbox(sandbox, `/v2/bot/profile/${to}`);
    expect((await push(key)).status).toBe(429);
    sandbox.advanceClock(1);
    expect(sandbox.delivered()).toHaveLength(0);
    expect((await push(key)).status).toBe(200);
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('delivers exactly once when the same key arrives concurrently', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => push(key)));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(7);
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('refuses a key that is not a UUID', async () => {
    const answer = await push('retry-1');
    expect(answer.status).toBe(400);
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('can lose the answer after delivering, which is what the key protects against', async () => {
    sandbox.setFaults({ dropResponsesAfterDelivery: 1 });
    await expect(push(key)).rejects.toThrow();
    expect(sandbox.delivered()).toHaveLength(1);
    const retry = await push(key);
    expect(retry.status).toBe(409);
    expect(retry.headers.get('x-line-accepted-request-id')).toBe(sandbox.delivered()[0]?.requestId);
    expect(sandbox.delivered()).toHaveLength(1);
  });
});

describe('X-Line-Retry-Key elsewhere', () => {
  it.each([
    ['profile', () => ({ path: `/v2/bot/profile/${to}` })],
    ['followers', () => ({ path: '/v2/bot/followers/ids' })],
    [
      'reply',
      () => ({
        path: '/v2/bot/message/reply',
        body: { replyToken: sandbox.issueReplyToken(to), messages: [{ type: 'text', text: 'x' }] },
      }),
    ],
  ])('is refused with 400 on %s', async (_name, request) => {
    const { path, body } = request() as { path: string; body?: unknown };
    const answer = await callSandbox(sandbox, path, {
      headers: { 'X-Line-Retry-Key': key },
      ...(body === undefined ? {} : { body }),
    });
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toMatch(/X-Line-Retry-Key/);
    expect(sandbox.delivered()).toHaveLength(0);
  });
});
