import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLineClient } from '../../electron/core/line/client';
import { lineRetryKey } from '../../electron/core/line/retry-key';
import type { RecordedRequest } from '../../sandbox/line/recorder';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { LINE_OPENAPI_DIR_ENV, lineOpenApiFile, loadLineContract, type LineContract } from './line-openapi';

/** Proof that the conformance checks can fail: wrong answers and wrong requests are reported. */
let contract: LineContract;
let sandbox: LineSandbox;
let realPush: RecordedRequest;

const json = new Headers({ 'content-type': 'application/json' });
const userId = 'U4af4980629aaaaaaaaaaaaaaaaaaaaaa';

beforeAll(async () => {
  contract = await loadLineContract();
  sandbox = await startLineSandbox({ followerCount: 2 });
  const client = createLineClient({ channelAccessToken: sandbox.channelToken, baseUrl: sandbox.url });
  await client.push(sandbox.followerIds()[0] ?? '', [{ type: 'text', text: 'x' }], lineRetryKey(1, 'x'));
  const [recorded] = sandbox.requests();
  if (recorded === undefined) throw new Error('the push was not recorded');
  realPush = recorded;
}, 60_000);
afterAll(() => sandbox.close());

describe('wrong answers are reported', () => {
  it.each([
    ['pushMessage', 200, { sentMessages: [] }],
    ['pushMessage', 200, { sentMessages: [{ quoteToken: 'q' }] }],
    ['pushMessage', 200, { sentMessages: 'none' }],
    ['pushMessage', 400, { message: 42 }],
    ['pushMessage', 400, { details: [] }],
    ['pushMessage', 409, { message: 'x', sentMessages: [{ id: 1 }] }],
    ['pushMessage', 429, null],
    ['getProfile', 200, { userId }],
    ['getProfile', 200, { userId, displayName: 'x', pictureUrl: 'not a url' }],
    ['getFollowers', 200, { userIds: 'U1' }],
    ['getFollowers', 200, { userIds: Array.from({ length: 1_001 }, () => userId) }],
    ['getFollowers', 200, { next: 'x' }],
  ] as const)('%s %i %j', (operationId, status, body) => {
    expect(contract.checkResponse(operationId, status, body, json)).not.toEqual([]);
  });

  it('a status the document does not define', () => {
    expect(contract.checkResponse('getProfile', 404, { message: 'Not found' }, json)).toEqual([
      'the document defines no 404 answer for getProfile',
    ]);
  });

  it('a JSON answer without a JSON content type', () => {
    const problems = contract.checkResponse('getProfile', 200, { userId, displayName: 'x' }, new Headers({ 'content-type': 'text/html' }));
    expect(problems).toEqual([expect.stringContaining('content-type')]);
  });

  it('a wrong ErrorResponse', () => {
    expect(contract.checkComponent('ErrorResponse', { details: [{ message: 1 }] })).not.toEqual([]);
  });
});

describe('wrong requests are reported', () => {
  const variant = (change: (request: RecordedRequest) => void): RecordedRequest => {
    const copy = structuredClone(realPush);
    change(copy);
    return copy;
  };
  const body = (request: RecordedRequest) => request.body as Record<string, unknown>;

  it('the real push conforms before it is spoiled', () => {
    expect(contract.checkRequest(realPush)).toEqual([]);
  });

  it.each([
    ['no recipient', (request: RecordedRequest) => delete body(request).to],
    ['no messages', (request: RecordedRequest) => (body(request).messages = [])],
    ['six messages', (request: RecordedRequest) => (body(request).messages = Array.from({ length: 6 }, () => ({ type: 'text', text: 'x' })))],
    ['a text message without text', (request: RecordedRequest) => (body(request).messages = [{ type: 'text' }])],
    ['a message type LINE does not have', (request: RecordedRequest) => (body(request).messages = [{ type: 'fax', text: 'x' }])],
    ['notificationDisabled as a string', (request: RecordedRequest) => (body(request).notificationDisabled = 'yes')],
    ['a retry key that is not a UUID', (request: RecordedRequest) => (request.headers['x-line-retry-key'] = 'request-1')],
    ['no bearer token', (request: RecordedRequest) => (request.authScheme = null)],
    ['a path LINE does not have', (request: RecordedRequest) => (request.path = '/v2/bot/message/pushh')],
  ])('%s', (_name, change) => {
    expect(contract.checkRequest(variant(change))).not.toEqual([]);
  });

  it('a follower page larger than LINE allows', () => {
    const followers: RecordedRequest = {
      ...structuredClone(realPush),
      method: 'GET',
      path: '/v2/bot/followers/ids',
      query: { limit: '5000' },
      body: null,
    };
    delete followers.headers['content-type'];
    delete followers.headers['x-line-retry-key'];
    expect(contract.checkRequest({ ...followers, query: { limit: '1000' } })).toEqual([]);
    expect(contract.checkRequest(followers)).not.toEqual([]);
  });
});

describe('loading the document', () => {
  it('fails with a message naming the path when the document is missing', async () => {
    vi.stubEnv(LINE_OPENAPI_DIR_ENV, '/nonexistent/line-openapi');
    try {
      expect(lineOpenApiFile()).toBe('/nonexistent/line-openapi/messaging-api.yml');
      await expect(loadLineContract()).rejects.toThrow(/not found at \/nonexistent\/line-openapi\/messaging-api\.yml/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
