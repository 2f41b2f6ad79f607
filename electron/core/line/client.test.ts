import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from '../../../sandbox/line/server';
import { lineUserIdFor } from '../../../sandbox/line/profiles';
import { createLineClient, type LineClient } from './client';
import { LineError } from './errors';
import { lineRetryKey } from './retry-key';
import { textMessage } from './text-message';

const channelAccessToken = 'channel-token-4c1e0b7d-SECRET';
let sandbox: LineSandbox;
let client: LineClient;
let to: string;

beforeAll(async () => {
  sandbox = await startLineSandbox({ channelToken: channelAccessToken, followerCount: 2_345 });
  client = createLineClient({ channelAccessToken, baseUrl: sandbox.url, timeoutMs: 2_000 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  to = sandbox.followerIds()[0] ?? '';
});

async function failure(promise: Promise<unknown>): Promise<LineError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(LineError);
    return error as LineError;
  }
  throw new Error('expected the call to fail');
}

function expectNoToken(error: Error): void {
  for (const rendering of [error.message, String(error), error.stack ?? '', inspect(error), JSON.stringify(error)]) {
    expect(rendering).not.toContain(channelAccessToken);
  }
}

describe('push', () => {
  it('delivers and reports LINE request id', async () => {
    const result = await client.push(to, [textMessage('ご注文ありがとうございます')], lineRetryKey(1, 'confirmation'));
    const [delivered] = sandbox.delivered();
    expect(result).toEqual({ status: 'delivered', requestId: delivered?.requestId, sentMessages: [expect.objectContaining({ id: expect.any(String) })] });
    expect(delivered).toMatchObject({ to, retryKey: lineRetryKey(1, 'confirmation') });
  });

  it('reports already_delivered for a replayed key, and the customer gets the message once', async () => {
    const key = lineRetryKey(7, 'cross-sell-confirmation');
    const first = await client.push(to, [textMessage('一度だけ')], key);
    const again = await client.push(to, [textMessage('一度だけ')], key);
    expect(first.status).toBe('delivered');
    expect(again).toEqual({ status: 'already_delivered', acceptedRequestId: first.status === 'delivered' ? first.requestId : null });
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('delivers again for a different key', async () => {
    await client.push(to, [textMessage('a')], lineRetryKey(7, 'first'));
    await client.push(to, [textMessage('a')], lineRetryKey(7, 'second'));
    expect(sandbox.delivered()).toHaveLength(2);
  });

  it('delivers again with the same key after LINE has forgotten it (24 hours)', async () => {
    const key = lineRetryKey(8, 'reminder');
    await client.push(to, [textMessage('a')], key);
    sandbox.advanceClock(24 * 3600);
    expect((await client.push(to, [textMessage('a')], key)).status).toBe('delivered');
    expect(sandbox.delivered()).toHaveLength(2);
  });

  it('after a lost answer, the retry with the same key is already_delivered: one message in all', async () => {
    const key = lineRetryKey(9, 'cross-sell-confirmation');
    sandbox.setFaults({ dropResponsesAfterDelivery: 1 });
    const lost = await failure(client.push(to, [textMessage('a')], key));
    expect(lost).toMatchObject({ kind: 'transient', reason: 'network' });
    const retried = await client.push(to, [textMessage('a')], key);
    expect(retried).toEqual({ status: 'already_delivered', acceptedRequestId: sandbox.delivered()[0]?.requestId });
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('sends the retry key on push only', async () => {
    await client.push(to, [textMessage('a')], lineRetryKey(10, 'x'));
    await client.getProfile(to);
    for await (const _page of client.followerIds({ limit: 1_000 })) break;
    const requests = sandbox.requests();
    expect(requests.map((request) => [request.path, request.headers['x-line-retry-key'] ?? null])).toEqual([
      ['/v2/bot/message/push', lineRetryKey(10, 'x')],
      [`/v2/bot/profile/${to}`, null],
      ['/v2/bot/followers/ids', null],
    ]);
    for (const request of requests) expect(request.authScheme).toBe('Bearer');
  });

  it('refuses a retry key that is not a UUID before calling LINE', async () => {
    const error = await failure(client.push(to, [textMessage('a')], 'request-11'));
    expect(error).toMatchObject({ kind: 'permanent', reason: 'invalid_retry_key' });
    expect(sandbox.requests()).toHaveLength(0);
  });

  it('classifies 429 as transient and nothing is delivered', async () => {
    sandbox.setRateLimit(1);
    await client.push(to, [textMessage('a')], lineRetryKey(12, 'a'));
    const error = await failure(client.push(to, [textMessage('b')], lineRetryKey(12, 'b')));
    expect(error).toMatchObject({ kind: 'transient', status: 429, reason: 'http' });
    expect(error.message).toContain('rate limit');
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('classifies 5xx as transient', async () => {
    sandbox.setFaults({ errorRate: 1 });
    expect(await failure(client.push(to, [textMessage('a')], lineRetryKey(13, 'a')))).toMatchObject({ kind: 'transient', status: 500 });
    sandbox.setFaults({ errorRate: 0, outage: true });
    expect(await failure(client.getProfile(to))).toMatchObject({ kind: 'transient', status: 503 });
  });

  it('classifies a refused body as permanent, with LINE details', async () => {
    const six = Array.from({ length: 6 }, (_, index) => textMessage(`${index}`));
    const error = await failure(client.push(to, six, lineRetryKey(14, 'a')));
    expect(error).toMatchObject({ kind: 'permanent', status: 400, details: [{ property: 'messages', message: 'Size must be between 1 and 5' }] });
    const unknown = await failure(client.push(lineUserIdFor('nobody'), [textMessage('a')], lineRetryKey(14, 'b')));
    expect(unknown).toMatchObject({ kind: 'permanent', status: 400 });
    expect(unknown.message).toContain('Failed to send messages');
  });

  it('classifies a network failure and a timeout as transient', async () => {
    const nowhere = await startLineSandbox();
    const url = nowhere.url;
    await nowhere.close();
    const offline = createLineClient({ channelAccessToken, baseUrl: url });
    expect(await failure(offline.push(to, [textMessage('a')], lineRetryKey(15, 'a')))).toMatchObject({ kind: 'transient', reason: 'network' });

    sandbox.setFaults({ latencyMs: { min: 400, max: 400 } });
    const impatient = createLineClient({ channelAccessToken, baseUrl: sandbox.url, timeoutMs: 100 });
    expect(await failure(impatient.getProfile(to))).toMatchObject({ kind: 'transient', reason: 'timeout' });
  });

  it('reports a wrong token as permanent and never shows a token in the error', async () => {
    const wrongToken = 'wrong-token-SECRET-77';
    const wrong = createLineClient({ channelAccessToken: wrongToken, baseUrl: sandbox.url });
    const error = await failure(wrong.push(to, [textMessage('a')], lineRetryKey(16, 'a')));
    expect(error).toMatchObject({ kind: 'permanent', status: 401 });
    expect(error.message).not.toContain(wrongToken);
    expectNoToken(error);
    expect(inspect(client)).not.toContain(channelAccessToken);
  });

  it('keeps the token out of every kind of failure', async () => {
    const errors: LineError[] = [];
    sandbox.setFaults({ errorRate: 1 });
    errors.push(await failure(client.push(to, [textMessage('a')], lineRetryKey(17, 'a'))));
    sandbox.setFaults({ errorRate: 0 });
    errors.push(await failure(client.push(to, [], lineRetryKey(17, 'b'))));
    errors.push(await failure(client.push(to, [textMessage('a')], 'not-a-key')));
    const closed = await startLineSandbox();
    await closed.close();
    errors.push(await failure(createLineClient({ channelAccessToken, baseUrl: closed.url }).getProfile(to)));
    expect(errors.map((error) => error.kind)).toEqual(['transient', 'permanent', 'permanent', 'transient']);
    for (const error of errors) expectNoToken(error);
  });
});

describe('getProfile', () => {
  it('returns the profile, display names exactly as LINE sent them', async () => {
    const userId = lineUserIdFor('hostile');
    sandbox.addProfiles([{ userId, displayName: '<img src=x onerror=alert(1)>', statusMessage: '🍣', language: 'ja' }]);
    expect(await client.getProfile(userId)).toEqual({
      userId,
      displayName: '<img src=x onerror=alert(1)>',
      statusMessage: '🍣',
      language: 'ja',
    });
  });

  it('returns null for a user LINE does not know or who blocked the account', async () => {
    expect(await client.getProfile(lineUserIdFor('nobody'))).toBeNull();
    const blocked = lineUserIdFor('blocked');
    sandbox.addProfiles([{ userId: blocked, displayName: 'x', blocked: true }]);
    expect(await client.getProfile(blocked)).toBeNull();
  });

  it('keeps a hostile user id inside its path segment', async () => {
    expect(await client.getProfile('../message/push')).toBeNull();
    expect(sandbox.requests()[0]?.path).toBe('/v2/bot/profile/..%2Fmessage%2Fpush');
  });
});

describe('followerIds', () => {
  it('iterates every page until LINE stops giving a continuation token', async () => {
    const pages: string[][] = [];
    for await (const page of client.followerIds({ limit: 1_000 })) pages.push(page);
    expect(pages.map((page) => page.length)).toEqual([1_000, 1_000, 345]);
    expect(pages.flat()).toEqual(sandbox.followerIds());
  });

  it('uses LINE default page size when none is given', async () => {
    const iterator = client.followerIds();
    const first = await iterator.next();
    expect(first.value).toHaveLength(300);
    await iterator.return(undefined);
  });

  it('refuses a page size LINE would refuse', async () => {
    await expect(client.followerIds({ limit: 1_001 }).next()).rejects.toMatchObject({ kind: 'permanent' });
  });
});
