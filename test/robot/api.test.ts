import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { transition } from '../../electron/core/loc/transitions';
import { openShellVault, shellRobot } from '../../electron/headless/robot-parts';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, TEST_VAULT_KEY, type Sandboxes } from './world';

let s: Sandboxes;
let core: Core;
let scratch: { dir: string; remove(): void };

beforeAll(async () => {
  s = await startSandboxes({ customers: 4 });
  scratch = scratchDir();
  core = await startRobotCore(endpointsOf(s), { dataDir: scratch.dir });
});
afterAll(async () => {
  await core?.close();
  await s?.close();
  scratch?.remove();
});

const call = async (name: string, args: unknown = {}) => core.api.call(name, args);

describe('robot API', () => {
  it('starts and stops the robot and reports its workers, queue and counts', async () => {
    expect(await call('robot.status')).toMatchObject({ result: { available: true, running: false, workers: [{ worker: 0 }, { worker: 1 }] } });
    expect(await call('robot.start')).toMatchObject({ result: { running: true } });
    const status = await call('robot.status');
    expect(status).toMatchObject({ result: { running: true, queue: { waiting: 0, working: 0 }, counts: { period: { done: 0 } } } });
    expect(await call('robot.stop')).toMatchObject({ result: { running: false } });
  });

  it('loc.retry sends a request the robot gave up on back to it, journaled as staff, and refuses one that is not waiting for a person', async () => {
    const customer = s.world.customers[0];
    if (!customer) throw new Error('customer');
    const id = await s.world.tap(customer.memberId, s.world.configIds.single);
    await core.sync.now();
    const at = new Date().toISOString();
    core.db.transaction(() => {
      for (const event of ['queue', 'lease', 'start', 'fail_business'] as const) transition(core.db, id, event, { actor: 'robot', reason: '商品コードが違います', at });
    })();

    expect(await call('loc.retry', { id, note: '商品マスタを直しました' })).toEqual({ result: { id, status: 'queued' } });
    expect(core.db.prepare('SELECT status, attempts FROM loc_work WHERE loc_request_id = ?').get(id)).toEqual({ status: 'queued', attempts: 0 });
    const last = core.db.prepare('SELECT event, actor, reason FROM loc_transitions WHERE loc_request_id = ? ORDER BY id DESC LIMIT 1').get(id);
    expect(last).toEqual({ event: 'retry_by_staff', actor: 'staff', reason: '商品マスタを直しました' });
    const op = core.db.prepare(`SELECT kind, payload FROM outbox WHERE kind = 'loc.setStatus' ORDER BY seq DESC LIMIT 1`).get() as { payload: string };
    expect(JSON.parse(op.payload)).toMatchObject({ requestId: id, status: 'queued' });

    const again = await call('loc.retry', { id });
    expect(again).toMatchObject({ error: { kind: 'conflict' } });
    expect(JSON.stringify(again)).toMatch(/再実行できません/);
    expect(await call('loc.retry', { id: 999_999 })).toMatchObject({ error: { kind: 'conflict' } });
  });
});

describe('robot prerequisites in the headless shell', () => {
  it('refuses to start without the vault key, saying how to provide it', async () => {
    const vault = openShellVault({ dataDir: scratch.dir, env: {} });
    const parts = shellRobot({ dataDir: scratch.dir, vault, lineToken: 'line-token', config: undefined, log: () => undefined });
    expect(parts.parts).toBeUndefined();
    expect(parts.unavailable?.text).toMatch(/TANTO_VAULT_KEY/);
    expect(parts.unavailable?.text).toMatch(/npm run secrets -- generate-key/);
    expect(parts.unavailable?.reason).toEqual({ key: 'robotVaultKeyMissing', params: ['TANTO_VAULT_KEY', 'TANTO_VAULT_KEY_FILE', 'npm run secrets -- generate-key'] });
    const bare = scratchDir();
    const keyless = createCore({
      dataDir: bare.dir,
      cloud: { baseUrl: s.cloud.url, token: s.cloud.token },
      log: () => undefined,
      ...(parts.unavailable ? { robotUnavailable: parts.unavailable } : {}),
    });
    try {
      const refused = await keyless.api.call('robot.start', {});
      expect(refused).toMatchObject({ error: { kind: 'unavailable' } });
      expect(JSON.stringify(refused)).toMatch(/TANTO_VAULT_KEY/);
      expect(await keyless.api.call('robot.status', {})).toMatchObject({
        result: { available: false, running: false, unavailableReasonData: { key: 'robotVaultKeyMissing' } },
      });
    } finally {
      await keyless.close();
      bare.remove();
    }
  });

  it('refuses to start without the LINE token, and is ready with both', () => {
    const vault = openShellVault({ dataDir: scratch.dir, env: { TANTO_VAULT_KEY: TEST_VAULT_KEY } });
    expect(vault.secrets).toBeDefined();
    const without = shellRobot({ dataDir: scratch.dir, vault, lineToken: null, config: undefined, log: () => undefined });
    expect(without.unavailable?.text).toMatch(/TANTO_LINE_TOKEN/);
    expect(without.unavailable?.reason).toEqual({ key: 'robotLineTokenMissing', params: ['TANTO_LINE_TOKEN'] });
    const ready = shellRobot({ dataDir: scratch.dir, vault, lineToken: 'line-token', config: undefined, log: () => undefined });
    ready.stop();
    expect(ready.unavailable).toBeUndefined();
    expect(ready.parts?.resolveLogin).toBeTypeOf('function');
  });
});
