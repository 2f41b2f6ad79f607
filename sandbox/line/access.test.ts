import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from './server';
import { callSandbox, firstFollower, pushBody } from './testing';

let sandbox: LineSandbox;
let to: string;

beforeAll(async () => {
  sandbox = await startLineSandbox({ followerCount: 3, channelToken: 'sandbox-token-for-access-tests' });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  to = firstFollower(sandbox);
});

describe('authorization', () => {
  it('answers 401 without a token, with LINE error body and request id', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { token: null, body: pushBody(to, ['x']) });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ message: expect.stringContaining('Authorization header required') });
    expect(answer.headers.get('x-line-request-id')).toBeTruthy();
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('answers 401 for a wrong token and for another scheme', async () => {
    const wrong = await callSandbox(sandbox, `/v2/bot/profile/${to}`, { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ message: expect.stringContaining('Authentication failed') });
    const basic = await callSandbox(sandbox, `/v2/bot/profile/${to}`, {
      token: null,
      headers: { authorization: `Basic ${sandbox.channelToken}` },
    });
    expect(basic.status).toBe(401);
  });

  it('never records the Authorization header', async () => {
    await callSandbox(sandbox, `/v2/bot/profile/${to}`);
    const [recorded] = sandbox.requests();
    expect(recorded?.authScheme).toBe('Bearer');
    expect(JSON.stringify(sandbox.inspect())).not.toContain(sandbox.channelToken);
  });
});

describe('rate limit', () => {
  it('answers 429 above the rate and does not deliver, then lets requests through a second later', async () => {
    await callSandbox(sandbox, '/_sandbox/rate-limit', { body: { requestsPerSecond: 3 } });
    const answers = [];
    for (let index = 0; index < 5; index += 1) {
      answers.push(await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, [`#${index}`]) }));
    }
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers[3]?.body).toEqual({ message: 'The API rate limit has been exceeded. Try again later.' });
    expect(sandbox.delivered().map((message) => message.messages)).toEqual([0, 1, 2].map((index) => [{ type: 'text', text: `#${index}` }]));

    sandbox.advanceClock(1);
    expect((await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, ['later']) })).status).toBe(200);
  });

  it('slides: a request leaves the window one second after it was admitted', async () => {
    sandbox.setRateLimit(2);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(200);
    sandbox.advanceClock(0.6);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(200);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(429);
    sandbox.advanceClock(0.5);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(200);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(429);
  });
});

describe('control endpoints', () => {
  it('injects faults through /_sandbox/faults and clears them on reset', async () => {
    const set = await callSandbox(sandbox, '/_sandbox/faults', { body: { outage: true } });
    expect(set.status).toBe(200);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(503);
    await callSandbox(sandbox, '/_sandbox/reset', { body: {} });
    expect((await callSandbox(sandbox, `/v2/bot/profile/${to}`)).status).toBe(200);
  });

  it('rejects unknown fault settings', async () => {
    const answer = await callSandbox(sandbox, '/_sandbox/faults', { body: { explode: true } });
    expect(answer.status).toBe(400);
  });

  it('records every API request with method, path, query, headers and body', async () => {
    await callSandbox(sandbox, '/v2/bot/message/push', {
      body: pushBody(to, ['記録']),
      headers: { 'X-Line-Retry-Key': '123e4567-e89b-12d3-a456-426614174000' },
    });
    await callSandbox(sandbox, '/v2/bot/followers/ids?limit=2');
    const inspected = (await callSandbox(sandbox, '/_sandbox/inspect')).body as {
      requests: { method: string; path: string; query: object; headers: Record<string, string>; body: unknown; status: number }[];
      delivered: unknown[];
    };
    expect(inspected.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        path: '/v2/bot/message/push',
        body: pushBody(to, ['記録']),
        status: 200,
        headers: expect.objectContaining({ 'x-line-retry-key': '123e4567-e89b-12d3-a456-426614174000' }),
      }),
      expect.objectContaining({ method: 'GET', path: '/v2/bot/followers/ids', query: { limit: '2' }, status: 200 }),
    ]);
    expect(inspected.requests[0]?.headers).not.toHaveProperty('authorization');
    expect(inspected.delivered).toHaveLength(1);
  });
});
