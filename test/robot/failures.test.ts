import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readZipEntries } from '../../automation/ecforce/testing/zip-entries';
import type { Core } from '../../electron/core/app';
import type { CrosssellConfigData } from '../../electron/core/sync/change-schemas';
import { crosssellLedger } from '../../sandbox/demo/crosssell-ledger';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

/**
 * What the robot cannot do ends with a person, with a reason they can act on, and nothing done
 * in the cart; what breaks on the site's side leaves evidence; and the cart password is in no
 * file, log line or error anywhere along the way.
 */
const PASSWORD = 'Zq7!ロボ用-ＰＡＳＳ&secret=99';
const NO_CREATE_PASSWORD = 'NoCreate-秘密-123';

let s: Sandboxes;
let core: Core;
let scratch: { dir: string; remove(): void };
const logs: string[] = [];

beforeAll(async () => {
  s = await startSandboxes({
    customers: 12,
    ecforce: {
      accounts: [
        { email: 'robot@example.jp', password: PASSWORD },
        { email: 'no-create@example.jp', password: NO_CREATE_PASSWORD, permissions: ['受注管理', '定期受注管理'] },
      ],
    },
  });
  scratch = scratchDir();
  const noCreate = { ref: 'ecforce-no-create', cart: 'ecforce' as const, baseUrl: s.ecforce.url, email: 'no-create@example.jp', password: NO_CREATE_PASSWORD };
  core = await startRobotCore(endpointsOf(s, [noCreate]), { dataDir: scratch.dir, maxAttempts: 2, elementTimeoutMs: 1_500, log: (line) => logs.push(line) });
});
afterAll(async () => {
  await core?.close();
  await s?.close();
  scratch?.remove();
});

function addConfig(patch: Partial<CrosssellConfigData>): number {
  const store = s.cloud.store;
  const base = store.crosssellConfigs.get(s.world.configIds.single);
  if (!base) throw new Error('no single config');
  const id = store.nextId('crosssell_config');
  store.upsert('crosssell_config', { ...base, id, name: `設定${id}`, ...patch });
  return id;
}

async function work(): Promise<void> {
  await core.sync.now();
  core.robot?.start();
  await core.robot?.whenIdle();
  await core.sync.now();
}

const cartChanges = () => s.ecforce.inspect().posts.filter((p) => !p.path.startsWith('/admin/sign_in'));

describe('business errors', () => {
  it('end needs_manual with a Japanese reason staff can act on, and change nothing in the cart', { timeout: 180_000 }, async () => {
    const [a, b, c, d] = s.world.customers;
    if (!a || !b || !c || !d) throw new Error('customers');
    const unknownCode = addConfig({ productCode: 'NOPE-404' });
    const nameMismatch = addConfig({ productName: '保湿化粧水 150ml' });
    const noCreate = addConfig({ cartLoginRef: 'ecforce-no-create' });
    // A member whose cart customer number the cart does not know.
    const store = s.cloud.store;
    const at = store.clock.now().toISOString();
    const ghost = store.nextId('member');
    const model = store.members.get(a.memberId);
    if (!model) throw new Error('member');
    store.upsert('member', { ...model, id: ghost, lineUserId: `Ughost${ghost}`, updatedAt: at });
    store.upsert('cart_customer', { id: store.nextId('cart_customer'), memberId: ghost, cart: 'ecforce', customerNumber: '99999990', name: '不明 太郎', phone: null, email: null, updatedAt: at });

    const ordersBefore = s.ecforce.inspect().orders.length;
    const postsBefore = cartChanges().length;
    const expectations = new Map<number, RegExp>([
      [await s.world.tap(a.memberId, unknownCode), /商品コード.*NOPE-404/],
      [await s.world.tap(b.memberId, nameMismatch), /商品名/],
      [await s.world.tap(c.memberId, noCreate), /受注作成/],
      [await s.world.tap(ghost, s.world.configIds.single), /99999990/],
    ]);
    await work();

    for (const [requestId, reason] of expectations) {
      const request = s.cloud.store.locRequests.get(requestId);
      expect(request?.status, `LOC ${requestId}`).toBe('needs_manual');
      expect(request?.robotResult?.message, `LOC ${requestId}`).toMatch(reason);
      expect(request?.robotResult?.message).toMatch(/[ぁ-んァ-ン一-龯]/);
      // Straight to a person: one run each, never retried.
      expect(core.db.prepare('SELECT count(*) FROM robot_runs WHERE loc_request_id = ?').pluck().get(requestId)).toBe(1);
    }
    expect(s.ecforce.inspect().orders.length).toBe(ordersBefore);
    expect(cartChanges().length).toBe(postsBefore);
    expect(s.line.delivered()).toHaveLength(0);
  });
});

describe('a layout the driver does not know', () => {
  it('is an application error with screenshot and trace, retried to its bound, never a crash or a wrong click', { timeout: 180_000 }, async () => {
    const customer = s.world.customers[5];
    if (!customer) throw new Error('customer');
    s.ecforce.setFaults({ layout: 'variant' });
    const before = s.ecforce.inspect();
    const requestId = await s.world.tap(customer.memberId, s.world.configIds.single);
    await work();
    s.ecforce.setFaults({ layout: 'standard' });

    const request = s.cloud.store.locRequests.get(requestId);
    expect(request?.status).toBe('needs_manual');
    expect(request?.robotResult?.message).toMatch(/2 回試みましたが完了できませんでした/);
    const steps = core.db
      .prepare(
        `SELECT s.step, s.state, s.screenshot_path AS screenshot, s.trace_path AS trace FROM run_steps s
         JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? AND s.state = 'failed'`,
      )
      .all(requestId) as Array<{ step: string; screenshot: string | null; trace: string | null }>;
    expect(steps).toHaveLength(2);
    for (const step of steps) {
      expect(step.screenshot && existsSync(step.screenshot), 'screenshot').toBe(true);
      expect(step.trace && existsSync(step.trace), 'trace').toBe(true);
      expect(path.resolve(step.trace ?? '').startsWith(path.resolve(scratch.dir))).toBe(true);
    }
    const after = s.ecforce.inspect();
    expect(after.orders.length).toBe(before.orders.length);
    expect(after.subscriptions.map((x) => x.status)).toEqual(before.subscriptions.map((x) => x.status));
    expect(core.robot?.status().running).toBe(true);

    const ledger = await crosssellLedger({ cloud: { url: s.cloud.url, token: s.cloud.token }, ecforceUrl: s.ecforce.url, lineUrl: s.line.url }, [requestId]);
    expect(ledger).toMatchObject({ orders: 0, messages: 0, needsManual: 1 });
  });
});

describe('the cart password', () => {
  it('appears in no file of the data folder, no log line, no error and nothing the cloud received', { timeout: 180_000 }, async () => {
    // A successful cross-sell too, so every kind of step has run with the password in use.
    const customer = s.world.customers[6];
    if (!customer) throw new Error('customer');
    const requestId = await s.world.tap(customer.memberId, s.world.configIds.single);
    await work();
    expect(s.cloud.store.locRequests.get(requestId)?.status).toBe('done');
    await core.robot?.stop();
    core.db.pragma('wal_checkpoint(TRUNCATE)');

    const haystacks: Array<[string, string]> = [];
    for (const file of filesUnder(scratch.dir)) {
      const bytes = readFileSync(file);
      haystacks.push([file, bytes.toString('utf8')], [`${file} (utf16)`, bytes.toString('utf16le')]);
      if (file.endsWith('.zip')) for (const { name, data } of readZipEntries(file)) haystacks.push([`${file}:${name}`, data.toString('utf8')]);
    }
    expect(haystacks.some(([file]) => file.endsWith('.zip'))).toBe(true);
    expect(haystacks.some(([file]) => file.endsWith('replica.sqlite'))).toBe(true);
    haystacks.push(['log', logs.join('\n')]);
    haystacks.push(['robot status', JSON.stringify(core.robot?.status())]);
    haystacks.push(['cloud', JSON.stringify([...s.cloud.store.locRequests.values(), s.cloud.store.mutations])]);
    for (const secret of [PASSWORD, NO_CREATE_PASSWORD]) {
      for (const [where, text] of haystacks) expect(text.includes(secret), `${where} contains a cart password`).toBe(false);
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}
