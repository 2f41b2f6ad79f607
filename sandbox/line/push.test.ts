import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startLineSandbox, type LineSandbox } from './server';
import { callSandbox, firstFollower, pushBody } from './testing';

let sandbox: LineSandbox;
let to: string;

beforeAll(async () => {
  sandbox = await startLineSandbox({ followerCount: 5 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.reset();
  to = firstFollower(sandbox);
});

describe('push', () => {
  it('delivers and answers with one sent message per message and a request id', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, ['こんにちは', '🎉']) });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-line-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const { sentMessages } = answer.body as { sentMessages: { id: string; quoteToken?: string }[] };
    expect(sentMessages).toHaveLength(2);
    expect(sentMessages[0]?.id).toMatch(/^\d+$/);
    expect(typeof sentMessages[0]?.quoteToken).toBe('string');
    expect(sandbox.delivered()).toEqual([
      expect.objectContaining({ requestId, to, via: 'push', retryKey: null, messages: pushBody(to, ['こんにちは', '🎉']).messages }),
    ]);
  });

  it.each([
    ['no messages', []],
    ['six messages', ['1', '2', '3', '4', '5', '6']],
  ])('refuses %s', async (_name, texts) => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, texts) });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
    });
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('accepts five messages', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, ['1', '2', '3', '4', '5']) });
    expect(answer.status).toBe(200);
  });

  it('counts text length in UTF-16 units, so an emoji is two', async () => {
    const exactly5000 = `${'a'.repeat(4_998)}😀`;
    const over = `${'a'.repeat(4_999)}😀`;
    expect(exactly5000.length).toBe(5_000);
    expect([...over]).toHaveLength(5_000);
    expect(over.length).toBe(5_001);

    const accepted = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, [exactly5000]) });
    expect(accepted.status).toBe(200);
    const refused = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(to, ['ok', over]) });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'Length must be between 0 and 5000', property: 'messages[1].text' }],
    });
    expect(sandbox.delivered()).toHaveLength(1);
  });

  it('lists every structural problem of the body at once', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', {
      body: { messages: [{ type: 'text', text: '' }, { type: 'fax' }, { text: 'no type' }], notificationDisabled: 'yes' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: 'The request body has 5 error(s)',
      details: [
        { message: 'must be specified', property: 'to' },
        { message: 'May not be empty', property: 'messages[0].text' },
        { message: expect.stringContaining('Must be one of the following values'), property: 'messages[1].type' },
        { message: 'must be specified', property: 'messages[2].type' },
        { message: 'must be a boolean', property: 'notificationDisabled' },
      ],
    });
  });

  it('refuses a request without `to`', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: { messages: [{ type: 'text', text: 'x' }] } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: 'The request body has 1 error(s)',
      details: [{ message: 'must be specified', property: 'to' }],
    });
  });

  it('refuses a malformed recipient id the way LINE words it', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody('kutemukan', ['x']) });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: "The property, 'to', in the request body is invalid (line: -, column: -)" });
  });

  it('answers 400 "Failed to send messages" for a well-formed id that is nobody', async () => {
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(`U${'0'.repeat(32)}`, ['x']) });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: 'Failed to send messages' });
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('answers 200 for a user who blocked the account but delivers nothing, as LINE does', async () => {
    const [blocked] = sandbox.addProfiles([{ userId: `U${'b'.repeat(32)}`, displayName: 'ブロック中', blocked: true }]);
    const answer = await callSandbox(sandbox, '/v2/bot/message/push', { body: pushBody(blocked?.userId ?? '', ['x']) });
    expect(answer.status).toBe(200);
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('refuses a body that is not JSON, and one sent as another content type', async () => {
    const broken = await callSandbox(sandbox, '/v2/bot/message/push', { body: '{"to": ' });
    expect(broken.status).toBe(400);
    expect((broken.body as { message: string }).message).toMatch(/could not be parsed as JSON/);
    const form = await callSandbox(sandbox, '/v2/bot/message/push', {
      body: JSON.stringify(pushBody(to, ['x'])),
      headers: { 'content-type': 'text/plain' },
    });
    expect(form.status).toBe(415);
    expect(sandbox.delivered()).toHaveLength(0);
  });

  it('answers 405 for the wrong method and 404 for an unknown path, with a request id', async () => {
    const wrongMethod = await callSandbox(sandbox, '/v2/bot/message/push');
    expect(wrongMethod.status).toBe(405);
    const unknown = await callSandbox(sandbox, '/v2/bot/message/narrowcast-please', { body: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-line-request-id')).toBeTruthy();
  });
});

describe('reply', () => {
  it('delivers once per reply token', async () => {
    const replyToken = sandbox.issueReplyToken(to);
    const body = { replyToken, messages: [{ type: 'text', text: 'ご連絡ありがとうございます' }] };
    const first = await callSandbox(sandbox, '/v2/bot/message/reply', { body });
    expect(first.status).toBe(200);
    expect((first.body as { sentMessages: unknown[] }).sentMessages).toHaveLength(1);
    const again = await callSandbox(sandbox, '/v2/bot/message/reply', { body });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ message: 'Invalid reply token' });
    expect(sandbox.delivered()).toEqual([expect.objectContaining({ via: 'reply', to, retryKey: null })]);
  });

  it('validates messages like push', async () => {
    const replyToken = sandbox.issueReplyToken(to);
    const answer = await callSandbox(sandbox, '/v2/bot/message/reply', { body: { replyToken, messages: [] } });
    expect(answer.status).toBe(400);
  });
});
