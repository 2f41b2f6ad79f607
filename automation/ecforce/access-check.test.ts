import net from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { checkEcforceAccess } from './access-check';
import { launchTestBrowser } from './testing/browser-fixture';

let sandbox: EcforceSandbox;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  [sandbox, browser] = await Promise.all([startEcforceSandbox(), launchTestBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});
beforeEach(async () => {
  sandbox.reset();
  context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
});
afterEach(() => context.close());

function loginOf(email: string) {
  const account = sandbox.accounts.find((a) => a.email === email);
  if (!account) throw new Error(`no account ${email}`);
  return { email, password: account.password };
}

const check = (login: { email: string; password: string }, baseUrl = sandbox.url) =>
  checkEcforceAccess({ context, baseUrl, ...login, elementTimeoutMs: 2_000, navigationTimeoutMs: 10_000 });

describe('the cart connection test', () => {
  it.each([
    ['robot@example.jp', [true, true, true], 'ok'],
    ['no-orders@example.jp', [false, true, true], 'missingRights'],
    ['no-create@example.jp', [true, false, true], 'missingRights'],
    ['no-subs@example.jp', [true, true, false], 'missingRights'],
  ] as const)('names the rights %s has and lacks', async (email, granted, outcome) => {
    const result = await check(loginOf(email));
    expect(result.outcome).toBe(outcome);
    expect(result.rights).toEqual([
      { right: '受注管理', granted: granted[0] },
      { right: '受注作成', granted: granted[1] },
      { right: '定期受注管理', granted: granted[2] },
    ]);
    expect(result.failure).toBeNull();
  });

  it('says a wrong password is refused, without the password anywhere in what it answers', async () => {
    const result = await check({ email: 'robot@example.jp', password: 'Wrong-Password-123' });
    expect(result).toMatchObject({ outcome: 'loginRefused', rights: [{ granted: null }, { granted: null }, { granted: null }] });
    expect(JSON.stringify(result)).not.toContain('Wrong-Password-123');
  });

  it('says a site that does not answer is unreachable, and one answering errors is a site error', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const login = loginOf('robot@example.jp');
    expect((await check(login, `http://127.0.0.1:${port}`)).outcome).toBe('unreachable');

    sandbox.setFaults({ errorRate: 1 });
    const failing = await check(login);
    expect(failing).toMatchObject({ outcome: 'siteError', failure: { code: 'server_error' } });
    expect(failing.failure?.message).not.toContain(login.password);
  });
});
