import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILTERED } from './recorder';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { TIMEOUT_MESSAGE } from './sessions';
import { AdminClient, flashTexts, pageHeading, signedInClient } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox({ idleTimeoutMinutes: 30 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('sign-in', () => {
  it('sends a visitor without a session to the sign-in page and back where they were going', async () => {
    const client = new AdminClient(sandbox.url);
    const first = await client.get('/admin/orders?q[customer_number]=10000001');
    expect(first.status).toBe(302);
    expect(first.location).toBe('/admin/sign_in');
    const login = await client.follow(first);
    expect(login.html).toContain('name="admin[password]"');
    expect(flashTexts(login.html)).toContain('ログインもしくはアカウント登録してください。');
    const { email, password } = sandbox.robotLogin;
    const signedIn = await client.post('/admin/sign_in', { 'admin[email]': email, 'admin[password]': password });
    expect(signedIn.location).toBe('/admin/orders?q[customer_number]=10000001');
    const list = await client.follow(signedIn);
    expect(pageHeading(list.html)).toBe('受注管理');
    expect(flashTexts(list.html)).toContain('ログインしました。');
  });

  it('refuses a wrong password with the site message, keeping the e-mail and never the password', async () => {
    const client = new AdminClient(sandbox.url);
    await client.get('/admin/sign_in');
    const answer = await client.post('/admin/sign_in', { 'admin[email]': 'robot@example.jp', 'admin[password]': 'wrong-password-123' });
    expect(answer.status).toBe(200);
    expect(flashTexts(answer.html)).toContain('メールアドレスまたはパスワードが違います。');
    expect(answer.html).toContain('value="robot@example.jp"');
    expect(answer.html).not.toContain('wrong-password-123');
  });

  it('masks the password in the recorded POSTs', async () => {
    await signedInClient(sandbox);
    const [post] = sandbox.inspect().posts;
    expect(post?.path).toBe('/admin/sign_in');
    expect(post?.fields['admin[password]']).toBe(FILTERED);
    expect(post?.account).toBe('robot@example.jp');
    expect(JSON.stringify(sandbox.inspect())).not.toContain(sandbox.robotLogin.password);
  });
});

describe('CSRF', () => {
  it('answers 422 to a POST without the token or with a wrong one, and signs nobody in', async () => {
    const client = new AdminClient(sandbox.url);
    await client.get('/admin/sign_in');
    const { email, password } = sandbox.robotLogin;
    const missing = await client.post('/admin/sign_in', { 'admin[email]': email, 'admin[password]': password }, null);
    expect(missing.status).toBe(422);
    expect(pageHeading(missing.html)).toBe('リクエストを処理できませんでした');
    const wrong = await client.post('/admin/sign_in', { 'admin[email]': email, 'admin[password]': password }, 'forged-token');
    expect(wrong.status).toBe(422);
    expect((await client.get('/admin')).status).toBe(302);
  });

  it('refuses a token from before sign-in once signed in (the token rotates)', async () => {
    const client = new AdminClient(sandbox.url);
    await client.get('/admin/sign_in');
    const before = client.token();
    const { email, password } = sandbox.robotLogin;
    await client.follow(await client.post('/admin/sign_in', { 'admin[email]': email, 'admin[password]': password }));
    expect(client.token()).not.toBe(before);
    const stale = await client.post('/admin/orders/1', { _method: 'patch', 'order[memo]': 'x' }, before);
    expect(stale.status).toBe(422);
    expect(sandbox.inspect().orders.find((o) => o.id === 1)?.memo).not.toBe('x');
  });

  it('refuses a POST from a browser with no session at all', async () => {
    const client = new AdminClient(sandbox.url);
    const answer = await client.post('/admin/orders', { 'order[customer_id]': '1' }, 'anything');
    expect(answer.status).toBe(422);
  });
});

describe('sessions', () => {
  it('times out after the idle timeout on the sandbox clock, with the timeout message', async () => {
    const client = await signedInClient(sandbox);
    sandbox.advanceClock(29 * 60);
    expect((await client.get('/admin/orders')).status).toBe(200);
    sandbox.advanceClock(31 * 60);
    const expired = await client.get('/admin/orders');
    expect(expired.location).toBe('/admin/sign_in');
    expect(flashTexts((await client.follow(expired)).html)).toContain(TIMEOUT_MESSAGE);
  });

  it('sends a POST in an expired session to sign-in without changing anything', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/1/edit');
    sandbox.expireSessions();
    const answer = await client.post('/admin/orders/1', { _method: 'patch', 'order[memo]': 'after expiry' });
    expect(answer.location).toBe('/admin/sign_in');
    expect(sandbox.inspect().orders.find((o) => o.id === 1)?.memo).not.toBe('after expiry');
    expect(sandbox.inspect().posts.at(-1)).toMatchObject({ path: '/admin/orders/1', mutated: false, status: 302 });
  });

  it('honours a shorter idle timeout set at run time', async () => {
    const client = await signedInClient(sandbox);
    sandbox.setIdleTimeoutMinutes(1);
    sandbox.advanceClock(61);
    expect((await client.get('/admin')).location).toBe('/admin/sign_in');
  });

  it('signs out with a POST carrying the token', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin');
    const out = await client.post('/admin/sign_out');
    expect(out.location).toBe('/admin/sign_in');
    expect(flashTexts((await client.follow(out)).html)).toContain('ログアウトしました。');
    expect((await client.get('/admin/orders')).status).toBe(302);
  });
});
