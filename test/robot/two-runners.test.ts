import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPLICA_FILE } from '../../electron/core/app';
import { crosssellLedger } from '../../sandbox/demo/crosssell-ledger';
import { runRobotChild } from './run-child';
import { endpointsOf, scratchDir, startSandboxes, type Sandboxes } from './world';

/**
 * Two workstations with their own replicas, one cloud, the same 50 requests: the cloud's leases
 * (and a result reported before a lease is let go) keep any request from being worked twice.
 */
let s: Sandboxes;
let scratch: { dir: string; remove(): void };

beforeAll(async () => {
  s = await startSandboxes({ customers: 40 });
  scratch = scratchDir();
});
afterAll(async () => {
  await s?.close();
  scratch?.remove();
});

it('works each of 50 requests on exactly one of two workstations', { timeout: 600_000 }, async () => {
  const { world } = s;
  const requestIds: number[] = [];
  for (let n = 0; n < 50; n += 1) {
    const customer = world.customers[n % world.customers.length];
    if (!customer) throw new Error('customer');
    // Past the 40th, customers come round again and tap the other cross-sell: a second, not a repeat, tap.
    const subscription = n % 5 === 0 !== n >= world.customers.length;
    requestIds.push(await world.tap(customer.memberId, subscription ? world.configIds.subscription : world.configIds.single));
  }
  const endpoints = JSON.stringify(endpointsOf(s));
  const station = (name: string) => ({ TANTO_TEST_ENDPOINTS: endpoints, TANTO_TEST_DATA: path.join(scratch.dir, name), TANTO_TEST_HOLDER: name });
  const [a, b] = await Promise.all([runRobotChild(station('pc-a')), runRobotChild(station('pc-b'))]);
  expect(a.code, a.output).toBe(0);
  expect(b.code, b.output).toBe(0);

  const ledger = await crosssellLedger({ cloud: { url: s.cloud.url, token: s.cloud.token }, ecforceUrl: s.ecforce.url, lineUrl: s.line.url }, requestIds);
  expect(ledger).toMatchObject({ requests: 50, done: 50, orders: 50, duplicateOrders: 0, messages: 50, duplicateMessages: 0 });

  const worked = (name: string) => {
    const db = new Database(path.join(scratch.dir, name, REPLICA_FILE), { readonly: true });
    try {
      return new Set(db.prepare('SELECT DISTINCT loc_request_id FROM robot_runs').pluck().all() as number[]);
    } finally {
      db.close();
    }
  };
  const [byA, byB] = [worked('pc-a'), worked('pc-b')];
  expect([...byA].filter((id) => byB.has(id))).toEqual([]);
  expect(byA.size + byB.size).toBe(50);
  // Both took part: the leases shared the work rather than one station doing it all.
  expect(Math.min(byA.size, byB.size)).toBeGreaterThan(5);
});
