import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { crosssellLedger } from '../../sandbox/demo/crosssell-ledger';
import { endpointsOf, startSandboxes, type Sandboxes } from '../../test/robot/world';
import { tempDir } from '../../test/fixtures/tmp';
import { REPLICA_FILE } from '../core/app';
import { saveCartLogin } from '../core/secrets/cart-logins';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import { createCoreLink, type CoreLink } from './core-link';
import { superviseCore, type CoreSupervisor } from './core-supervisor';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from './safe-storage-vault';
import { coreForker } from './test-core-fork';
import { fakeSafeStorage } from './test-safe-storage';

/**
 * The core process dies in the middle of the night, in the middle of an order: the supervisor
 * starts it again, and the new core, finding itself inside the night window, starts the robot by
 * itself, which takes the request up from its journal. Real sandboxes, the real core-process
 * entry, the robot driving Chromium against the cart sandbox; nothing calls robot.start.
 */
let s: Sandboxes;
let tmp: ReturnType<typeof tempDir>;
let supervisor: CoreSupervisor | undefined;
let forker: ReturnType<typeof coreForker>;

beforeAll(async () => {
  s = await startSandboxes({ customers: 4 });
  tmp = tempDir('tanto-core-night-');
});
afterAll(async () => {
  await supervisor?.stop(5_000);
  forker?.killAll();
  await s?.close();
  tmp?.remove();
});

async function call<T>(link: CoreLink, name: string, args: object = {}): Promise<T> {
  const reply = JSON.parse(await link.call(JSON.stringify({ id: name, name, args }))) as { result?: T; error?: { message: string } };
  if (reply.error) throw new Error(`${name}: ${reply.error.message}`);
  return reply.result as T;
}

/** HH:MM in Tokyo (the shop's zone unless set), `minutes` from now. */
function tokyoTime(minutes: number): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + minutes * 60_000));
}

it('restarts a core killed mid-order inside the night, and the robot resumes the request by itself', { timeout: 240_000 }, async () => {
  const endpoints = endpointsOf(s);
  writeFileSync(path.join(tmp.dir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: s.cloud.url }, line: { baseUrl: s.line.url }, robot: { concurrency: 1 } }));
  const secrets = createSafeStorageVault({ safeStorage: fakeSafeStorage(), file: path.join(tmp.dir, 'userData', SAFE_STORAGE_FILE), platform: 'win32' });
  await secrets.set(CLOUD_TOKEN_SECRET, endpoints.cloud.token);
  await secrets.set(LINE_TOKEN_SECRET, endpoints.line.channelAccessToken);
  for (const login of endpoints.logins) await saveCartLogin(secrets, login);

  forker = coreForker();
  const link = createCoreLink();
  const states: string[] = [];
  link.onState((state) => states.push(state));
  supervisor = superviseCore({ fork: forker.fork, dataDir: tmp.dir, link, secrets, log: () => undefined, restartDelayMs: 50 });
  await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

  const customer = s.world.customers.find((c) => c.runningSubscriptions > 0) ?? s.world.customers[0]!;
  const requestId = await s.world.tap(customer.memberId, s.world.configIds.subscription);
  await call(link, 'sync.now');
  // Slow pages, so the order is still being placed when the core is killed.
  s.ecforce.setFaults({ latencyMs: { min: 300, max: 300 } });
  // A night that has begun and lasts two hours more: the core starts the robot at once.
  await call(link, 'night.set', { enabled: true, start: tokyoTime(-60), end: tokyoTime(120) });
  await expect.poll(async () => (await call<{ running: boolean }>(link, 'robot.status')).running).toBe(true);

  await expect
    .poll(async () => (await call<{ workers: Array<{ requestId: number | null; step: string | null }> }>(link, 'robot.status')).workers[0], { timeout: 60_000, interval: 50 })
    .toEqual(expect.objectContaining({ requestId, step: 'create_order' }));
  forker.children[0]!.kill('SIGKILL');

  await expect.poll(() => forker.children.length, { timeout: 10_000 }).toBe(2);
  await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
  expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  s.ecforce.setFaults({ latencyMs: { min: 0, max: 0 } });
  // The new core's night schedule started the robot: nobody asked it to.
  await expect.poll(async () => (await call<{ running: boolean }>(link, 'robot.status')).running).toBe(true);
  await expect.poll(async () => (await call<{ status: string }>(link, 'loc.get', { id: requestId })).status, { timeout: 120_000, interval: 200 }).toBe('done');
  await call(link, 'sync.now');

  const ledger = await crosssellLedger({ cloud: { url: s.cloud.url, token: s.cloud.token }, ecforceUrl: s.ecforce.url, lineUrl: s.line.url }, [requestId]);
  expect(ledger).toMatchObject({ requests: 1, done: 1, orders: 1, duplicateOrders: 0, messages: 1, duplicateMessages: 0 });
  // From the journal: what the killed core had done was not done again, and the order it was placing was picked up.
  const replica = new Database(path.join(tmp.dir, REPLICA_FILE), { readonly: true });
  try {
    const steps = replica
      .prepare(`SELECT s.step, s.state FROM run_steps s JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? ORDER BY s.id`)
      .all(requestId) as Array<{ step: string; state: string }>;
    // prepare once; the order the killed core was placing, cut short, then finished by the new one; the rest once each.
    expect(steps).toEqual([
      { step: 'prepare', state: 'done' },
      { step: 'create_order', state: 'failed' },
      ...['create_order', 'stop_subscriptions', 'write_memo', 'send_message', 'finish'].map((step) => ({ step, state: 'done' })),
    ]);
  } finally {
    replica.close();
  }
});
