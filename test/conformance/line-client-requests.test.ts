import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLineClient } from '../../electron/core/line/client';
import { lineRetryKey } from '../../electron/core/line/retry-key';
import { textMessage } from '../../electron/core/line/text-message';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import type { RecordedRequest } from '../../sandbox/line/recorder';
import { loadLineContract, type LineContract } from './line-openapi';

/** What Tanto's LINE client actually sends, as the sandbox recorded it, held against LINE's document. */
let contract: LineContract;
let sandbox: LineSandbox;
let requests: RecordedRequest[];

beforeAll(async () => {
  contract = await loadLineContract();
  sandbox = await startLineSandbox({ followerCount: 1_200 });
  const client = createLineClient({ channelAccessToken: sandbox.channelToken, baseUrl: sandbox.url });
  const [to = '', other = ''] = sandbox.followerIds();

  await client.push(to, [textMessage('ご注文ありがとうございます 🎉'), textMessage('ＴＡＮＴＯ　より')], lineRetryKey(1, 'confirmation'));
  await client.push(other, [textMessage('静かにお知らせ')], lineRetryKey(2, 'notice'), { notificationDisabled: true });
  await client.push(to, [textMessage('ご注文ありがとうございます 🎉')], lineRetryKey(1, 'confirmation'));
  await client.getProfile(to);
  await client.getProfile('U00000000000000000000000000000000');
  for await (const _page of client.followerIds({ limit: 500 })) {
    // Walking every page records each continuation request.
  }
  for await (const _page of client.followerIds()) break;
  requests = sandbox.requests();
}, 60_000);
afterAll(() => sandbox.close());

describe("the LINE client's requests", () => {
  it('were all recorded and reached the operations intended', () => {
    expect(requests.map((request) => contract.operationFor(request))).toEqual([
      'pushMessage',
      'pushMessage',
      'pushMessage',
      'getProfile',
      'getProfile',
      'getFollowers',
      'getFollowers',
      'getFollowers',
      'getFollowers',
    ]);
  });

  it('conform to the document: method, path, query, headers, body and bearer token', () => {
    for (const request of requests) {
      expect({ request: `${request.method} ${request.path}`, problems: contract.checkRequest(request) }).toEqual({
        request: `${request.method} ${request.path}`,
        problems: [],
      });
    }
  });

  it('carry the retry key on push and nowhere else', () => {
    for (const request of requests) {
      const isPush = request.path === '/v2/bot/message/push';
      expect(request.headers['x-line-retry-key'] !== undefined).toBe(isPush);
    }
  });
});
