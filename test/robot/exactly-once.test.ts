import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crosssellSteps } from '../../electron/core/flows/crosssell/flow';
import { attemptPurpose, robotOperationId } from '../../electron/core/robot/op-ids';
import { crosssellLedger } from '../../sandbox/demo/crosssell-ledger';
import { runRobotChild } from './run-child';
import { endpointsOf, scratchDir, startSandboxes, type Sandboxes } from './world';

/**
 * For every step of the flow, a robot process is SIGKILLed right after it (its effect made but
 * not journaled, and journaled), then a fresh process on the same data folder finishes the
 * work. Whatever the moment, the cart has one order, LINE one message, the cloud one set of tag
 * changes and one usage count for the request.
 */
const killPoints = [
  'create_order:started',
  ...crosssellSteps.filter((s) => s !== 'finish').flatMap((step) => [`${step}:acted`, `${step}:journaled`]),
  'finish:journaled',
];

let s: Sandboxes;
let scratch: { dir: string; remove(): void };

beforeAll(async () => {
  s = await startSandboxes({ customers: 40 });
  scratch = scratchDir();
  // More kill points than customers with subscriptions: a customer's second tap, once the first is
  // done, is meant to be ordered here, not decided as a repeat tap.
  const config = s.cloud.store.crosssellConfigs.get(s.world.configIds.subscription);
  if (config) s.cloud.store.upsert('crosssell_config', { ...config, repeatWindowHours: 0 });
});
afterAll(async () => {
  await s?.close();
  scratch?.remove();
});

function runChild(env: Record<string, string>) {
  return runRobotChild({
    TANTO_TEST_ENDPOINTS: JSON.stringify(endpointsOf(s)),
    TANTO_TEST_DATA: path.join(scratch.dir, 'workstation'),
    TANTO_TEST_HOLDER: 'pc-exactly-once',
    ...env,
  });
}

describe('exactly once, whatever is killed when', () => {
  // Customers with running subscriptions, so stopping has work to do at every kill point.
  const candidates = () => s.world.customers.filter((c) => c.runningSubscriptions > 0);

  it.each(killPoints.map((point, index) => ({ point, index })))('killed at $point', { timeout: 300_000 }, async ({ point, index }) => {
    const pool = candidates();
    expect(pool.length).toBeGreaterThan(2);
    const customer = pool[index % pool.length];
    if (!customer) throw new Error('no customer');
    const before = s.ecforce.inspect();
    const requestId = await s.world.tap(customer.memberId, s.world.configIds.subscription);

    const killed = await runChild({ TANTO_TEST_CRASH_AT: point, TANTO_TEST_CRASH_REQUEST: String(requestId) });
    expect(killed.signal, killed.output).toBe('SIGKILL');
    expect(killed.output).toContain(`crashing at ${point} of LOC ${requestId}`);

    const resumed = await runChild({});
    expect(resumed.code, resumed.output).toBe(0);

    const ledger = await crosssellLedger({ cloud: { url: s.cloud.url, token: s.cloud.token }, ecforceUrl: s.ecforce.url, lineUrl: s.line.url }, [requestId]);
    expect(ledger).toMatchObject({ requests: 1, done: 1, orders: 1, duplicateOrders: 0, messages: 1, duplicateMessages: 0 });

    // Every subscription that was running before the tap is stopped; the new one runs.
    const after = s.ecforce.inspect();
    const wasRunning = before.subscriptions.filter((x) => x.customerNumber === customer.customerNumber && x.status === '有効');
    for (const sub of wasRunning) expect(after.subscriptions.find((x) => x.id === sub.id)?.status).toBe('停止');
    const created = after.subscriptions.filter((x) => !before.subscriptions.some((b) => b.id === x.id));
    expect(created.map((x) => [x.customerNumber, x.status])).toEqual([[customer.customerNumber, '有効']]);
    expect(created[0]?.memo.split('旧定期は停止済み')).toHaveLength(2);
    const uid = s.cloud.store.locRequests.get(requestId)?.uid ?? '';
    const order = after.orders.find((o) => o.memo.includes(`TANTO:${uid}`));
    expect(order?.memo.split('LINEワンタップ定期乗り換え')).toHaveLength(2);

    // One set of tag changes and one usage count reached the cloud, applied once each.
    const mutations = s.cloud.store.mutations;
    const config = s.cloud.store.crosssellConfigs.get(s.world.configIds.subscription);
    for (const purpose of [...(config?.tagsAdd ?? []).map((t) => attemptPurpose(1, `tag-add:${t}`)), 'request:usage', attemptPurpose(1, 'result:done')]) {
      const opId = robotOperationId(uid, purpose);
      expect(mutations.filter((m) => m.opId === opId && m.status === 'applied'), purpose).toHaveLength(1);
    }
    expect(s.cloud.store.locRequests.get(requestId)?.status).toBe('done');
  });
});
