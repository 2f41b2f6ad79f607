import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AdminClient, flashTexts, pageHeading } from '../../sandbox/ecforce/testing';
import { callApi, spawnScript, type SpawnedApp } from './spawn-app';

/**
 * `npm run demo` as a person runs it, one demo folder for the whole file: the first run makes the
 * shop, the next ones open it again, and --fresh throws it away.
 */
const folder = mkdtempSync(path.join(os.tmpdir(), 'tanto-demo-'));
const running: SpawnedApp[] = [];
afterEach(() => {
  for (const app of running.splice(0)) if (app.child.exitCode === null) app.child.kill('SIGKILL');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function demo(args: string[], env: NodeJS.ProcessEnv = {}, script = 'sandbox/demo.ts'): SpawnedApp {
  const app = spawnScript(script, [...args, '--data', folder], env);
  running.push(app);
  return app;
}

interface Printed {
  url: string;
  token: string;
  cartAdmin: string;
  email: string;
  password: string;
  lineUrl: string;
  requests: number;
}

async function summaryOf(app: SpawnedApp): Promise<Printed> {
  await app.waitFor(/終了するには Ctrl-C を押してください。/);
  const out = app.output();
  const [, url, token] = /画面（ブラウザで開く）\s+(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(out)!;
  const [, cartAdmin] = /ecforce 管理画面\s+(http:\/\/127\.0\.0\.1:\d+\/admin)/.exec(out)!;
  const [, email, password] = /ログイン\s+(\S+@\S+)\s+パスワード\s+(\S+?)（/.exec(out)!;
  const [, lineUrl] = /LINE（模擬）\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)!;
  const [, requests] = /LOC申請\s+([\d,]+)/.exec(out)!;
  return { url: url!, token: token!, cartAdmin: cartAdmin!, email: email!, password: password!, lineUrl: lineUrl!, requests: Number(requests!.replace(/,/g, '')) };
}

/** The cart's orders the robot made (they carry its marker), by 受注番号. */
async function markedOrders(cartAdmin: string): Promise<string[]> {
  const response = await fetch(new URL('/_sandbox/inspect', cartAdmin));
  const inspection = (await response.json()) as { orders: Array<{ number: string; memo: string }> };
  return inspection.orders.filter((o) => /TANTO:\S+/.test(o.memo)).map((o) => o.number).sort();
}

async function stopWithCtrlC(app: SpawnedApp) {
  app.child.kill('SIGINT');
  expect(await app.exited, app.output()).toEqual({ code: 0, signal: null });
  expect(app.output()).toMatch(/終了しました。ショップは .* に保存してあり/);
}

/** A line of the demo's own, or of the core shown through it, that is English (not a URL, a number or an option). */
const englishLine = (line: string) => /^[\x20-\x7e]+$/.test(line) && /[a-z]{3,} [a-z]{3,}/i.test(line) && !line.startsWith('{');

interface LineInspection {
  delivered: Array<{ to: string; retryKey: string | null; messages: Array<{ text?: string }> }>;
  retryKeys: string[];
}

const lineInspection = async (lineUrl: string) => (await (await fetch(`${lineUrl}/_sandbox/inspect`)).json()) as LineInspection;

/** What the folder keeps of LINE when a run stops: its deliveries and retry keys. */
const keptLine = () =>
  (JSON.parse(readFileSync(path.join(folder, 'shop.json'), 'utf8')) as { line: { delivered: LineInspection['delivered']; retryKeys: Array<[string, unknown]> } }).line;

const firstRun: { requests?: number; ordersMade?: string[]; delivered?: LineInspection['delivered']; retryKeys?: string[] } = {};

describe('npm run demo', () => {
  it('makes a shop in the named folder, serves the built screens, prints the cart admin and a login that signs in, and keeps the shop on Ctrl-C', async () => {
    const app = demo(['--members', '300']);
    const printed = await summaryOf(app);
    expect(app.output()).toContain(`デモフォルダ           ${folder}`);
    expect(app.output()).toContain(`新しいショップで始めるには: npm run demo -- --data ${folder} --fresh`);
    expect(app.output()).not.toMatch(/robot\.start|robot\.stop/);

    const page = await (await fetch(printed.url)).text();
    expect(page).not.toContain('画面はまだビルドされていません');
    expect(page).toMatch(/<script type="module"[^>]+src="\.\/assets\/[^"]+\.js"/);
    const search = await callApi(printed.url, printed.token, 'members.search', { pageSize: 1 });
    expect(search.body).toMatchObject({ result: { total: 300 } });

    // The printed login, typed into the cart's sign-in page as a person would.
    const client = new AdminClient(new URL(printed.cartAdmin).origin);
    await client.get('/admin/sign_in');
    const signedIn = await client.post('/admin/sign_in', { 'admin[email]': printed.email, 'admin[password]': printed.password });
    expect(signedIn.location).toBe('/admin');
    const orders = await client.get('/admin/orders');
    expect(orders.status).toBe(200);
    expect(pageHeading(orders.html)).toBe('受注管理');
    const wrong = new AdminClient(new URL(printed.cartAdmin).origin);
    await wrong.get('/admin/sign_in');
    const refused = await wrong.post('/admin/sign_in', { 'admin[email]': printed.email, 'admin[password]': `${printed.password}x` });
    expect(flashTexts(refused.html)).toContain('メールアドレスまたはパスワードが違います。');

    await stopWithCtrlC(app);
    expect(existsSync(path.join(folder, 'shop.json'))).toBe(true);
    expect(existsSync(path.join(folder, 'replica', 'replica.sqlite'))).toBe(true);
    firstRun.requests = printed.requests;
    await expect(fetch(printed.url)).rejects.toThrow();
  });

  it('--taps 3 --exit-when-idle on the kept shop: each tap ordered and messaged once, in Japanese throughout, one JSON line', { timeout: 300_000 }, async () => {
    const app = demo(['--taps', '3', '--exit-when-idle']);
    const exit = await app.exited;
    expect(exit, app.output()).toEqual({ code: 0, signal: null });
    const lines = app.output().trimEnd().split('\n');
    const outcome = JSON.parse(lines.at(-1) ?? '') as Record<string, number>;
    expect(outcome).toEqual({
      requests: 3,
      done: 3,
      needsManual: 0,
      orders: 3,
      duplicateOrders: 0,
      messages: 3,
      duplicateMessages: 0,
      duplicateOrdersPerCustomer: 0,
      duplicateMessagesPerCustomer: 0,
      duplicates: 0,
    });
    expect(app.output()).toContain('前回のショップを開きました');
    expect(lines.filter(englishLine)).toEqual([]);
    // The robot works the shop's earlier requests too; every order it made is to be there next time.
    firstRun.ordersMade = [...app.output().matchAll(/カート: 受注 (\d+) を作成しました/g)].map((m) => m[1]!).sort();
    expect(firstRun.ordersMade.length).toBeGreaterThanOrEqual(3);
    // What LINE was sent is kept with the shop, each message under its retry key.
    const line = keptLine();
    firstRun.delivered = line.delivered;
    firstRun.retryKeys = line.retryKeys.map(([key]) => key);
    expect(firstRun.delivered.length).toBeGreaterThanOrEqual(3);
    expect(firstRun.delivered.every((d) => d.retryKey !== null && firstRun.retryKeys!.includes(d.retryKey.toLowerCase()))).toBe(true);
  });

  it('a second run opens the kept shop again with every order the robot made and every message LINE delivered; a new tap is ordered and greeted as the member the cloud knows', { timeout: 300_000 }, async () => {
    const app = demo(['--taps', '1']);
    const printed = await summaryOf(app);
    expect(app.output()).toContain('前回のショップを開きました');
    expect(printed.requests).toBe((firstRun.requests ?? 0) + 3);
    const search = await callApi(printed.url, printed.token, 'members.search', { pageSize: 1 });
    expect(search.body).toMatchObject({ result: { total: 300 } });
    expect((await markedOrders(printed.cartAdmin)).filter((n) => firstRun.ordersMade?.includes(n))).toEqual(firstRun.ordersMade);

    // The new tap: one order in the cart, for a customer whose name and phone are the member's in
    // the replica, and one LINE message addressed to that name.
    const [, requestId] = await app.waitFor(/ロボット: LOC (\d+) 完了/);
    const cart = (await (await fetch(new URL('/_sandbox/inspect', printed.cartAdmin))).json()) as {
      orders: Array<{ number: string; memo: string; customerNumber: string }>;
      customers: Array<{ number: string; name: string; phone: string }>;
    };
    const made = cart.orders.filter((o) => /TANTO:/.test(o.memo) && !firstRun.ordersMade?.includes(o.number));
    expect(made).toHaveLength(1);
    const customer = cart.customers.find((c) => c.number === made[0]!.customerNumber)!;
    const found = await callApi(printed.url, printed.token, 'members.search', { customerNumber: customer.number });
    const [member] = (found.body as { result: { items: Array<{ name: string; phone: string; lineUserId: string }> } }).result.items;
    expect({ name: customer.name, phone: customer.phone }).toEqual({ name: member!.name, phone: member!.phone });
    // LINE still holds what the last run sent and the retry keys it took, then the one new message.
    const line = await lineInspection(printed.lineUrl);
    const before = firstRun.delivered ?? [];
    expect(before.length).toBeGreaterThan(0);
    expect(line.delivered.slice(0, before.length)).toEqual(before);
    expect(line.retryKeys).toEqual(expect.arrayContaining(firstRun.retryKeys ?? ['none']));
    expect(line.delivered.slice(before.length).map((d) => ({ to: d.to, text: d.messages[0]?.text?.split('\n')[0] }))).toEqual([{ to: member!.lineUserId, text: `${member!.name}様` }]);
    expect(app.output()).toContain(`LOC ${requestId} 完了: 受注 ${made[0]!.number} を作成しました（${member!.name} 様）`);
    await stopWithCtrlC(app);
  });

  it('--fresh throws the kept shop away, LINE\'s messages and retry keys with it, and starts a new one', async () => {
    const app = demo(['--members', '200', '--fresh']);
    const printed = await summaryOf(app);
    expect(app.output()).toContain('新しいショップを作りました');
    expect(printed.requests).toBe(firstRun.requests);
    expect(await markedOrders(printed.cartAdmin)).toEqual([]);
    expect(await lineInspection(printed.lineUrl)).toMatchObject({ delivered: [], retryKeys: [] });
    const search = await callApi(printed.url, printed.token, 'members.search', { pageSize: 1 });
    expect(search.body).toMatchObject({ result: { total: 200 } });
    await stopWithCtrlC(app);
  });
});

describe('npm start', () => {
  it('says in one line that Electron is not installed, without a download or a stack, and with no shop configured opens the demo shop', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-start-'));
    try {
      const app = demo(['--members', '200'], { TANTO_DATA_DIR: dataDir, TANTO_CLOUD_TOKEN: '' }, 'scripts/start.ts');
      await summaryOf(app);
      const lines = app.output().split('\n');
      expect(lines[0]).toBe('Electron がインストールされていないため、ブラウザで使う版を起動します（下に出る URL を開いてください）。');
      expect(app.output()).toMatch(/ショップの設定（tanto\.json と TANTO_CLOUD_TOKEN）がないため、デモショップを開きます。/);
      expect(app.output()).not.toMatch(/Downloading|Electron failed|\n\s+at /);
      app.child.kill('SIGTERM');
      expect((await app.exited).code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
