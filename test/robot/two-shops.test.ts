import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { COMPLETION_MESSAGE_PURPOSE, markerFor } from '../../electron/core/flows/crosssell/flow';
import { lineRetryKey } from '../../electron/core/line/retry-key';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { linkShops, type CrosssellWorld } from '../../sandbox/demo/crosssell-world';
import { scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

/**
 * Two clouds (a shop and its staging, or ids that started again) whose LOC requests have the same
 * numbers, against one cart and one LINE channel: markers and retry keys come from each request's
 * uid, so neither request is mistaken for the other's order or message.
 */
let s: Sandboxes;
let staging: CloudSandbox;
let stagingWorld: CrosssellWorld;
let scratch: { dir: string; remove(): void };
const cores: Core[] = [];

beforeAll(async () => {
  s = await startSandboxes({ customers: 3 });
  staging = await startCloudSandbox({ members: 0 });
  stagingWorld = linkShops({ cloud: staging, ecforce: s.ecforce, line: s.line }, { customers: 3 });
  scratch = scratchDir();
});
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  await Promise.all([s?.close(), staging?.close()]);
  scratch?.remove();
});

it('orders and messages for both when two clouds number their requests alike', { timeout: 300_000 }, async () => {
  const customer = s.world.customers[0];
  const twin = stagingWorld.customers.find((c) => c.customerNumber === customer?.customerNumber);
  if (!customer || !twin) throw new Error('customer');
  const shopRequest = await s.world.tap(customer.memberId, s.world.configIds.single);
  const stagingRequest = await stagingWorld.tap(twin.memberId, stagingWorld.configIds.single);
  expect(stagingRequest).toBe(shopRequest);

  const line = { baseUrl: s.line.url, channelAccessToken: s.line.channelToken };
  for (const [name, cloud] of [['pc-shop', s.cloud], ['pc-staging', staging]] as const) {
    const core = await startRobotCore(
      { cloud: { baseUrl: cloud.url, token: cloud.token }, line, logins: [s.world.login] },
      { dataDir: path.join(scratch.dir, name), holder: `${name}#00000001` },
    );
    cores.push(core);
    await core.sync.now();
    core.robot?.start();
    await core.robot?.whenIdle();
    await core.sync.now();
  }

  const uids = [s.cloud.store.locRequests.get(shopRequest)?.uid, staging.store.locRequests.get(stagingRequest)?.uid];
  expect(new Set(uids).size).toBe(2);
  expect([s.cloud.store.locRequests.get(shopRequest)?.status, staging.store.locRequests.get(stagingRequest)?.status]).toEqual(['done', 'done']);
  const orders = s.ecforce.inspect().orders.filter((o) => o.customerNumber === customer.customerNumber);
  for (const uid of uids) expect(orders.filter((o) => o.memo.includes(markerFor(uid ?? '-')))).toHaveLength(1);
  const delivered = s.line.delivered().filter((m) => m.to === customer.lineUserId);
  expect(new Set(delivered.map((m) => m.retryKey))).toEqual(new Set(uids.map((uid) => lineRetryKey(uid ?? '-', COMPLETION_MESSAGE_PURPOSE))));
  expect(delivered).toHaveLength(2);
});
