import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { createCloudClient, type CloudClient } from './cloud-client';
import { sandboxControl } from './sync-test-support';

let sandbox: CloudSandbox;
let client: CloudClient;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 50, orders: 100 });
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
});
afterAll(() => sandbox.close());

it('lets one holder at a time work a request: take, conflict, renew, release, expiry', async () => {
  const control = sandboxControl(sandbox);
  const taken = await client.takeLease(1, 'pc-a', 60);
  if (!taken.granted) throw new Error(taken.message);
  expect(taken.lease.holder).toBe('pc-a');

  const conflict = await client.takeLease(1, 'pc-b', 60);
  expect(conflict).toMatchObject({ granted: false, code: 'lease_held' });
  if (!conflict.granted) expect(conflict.message).toContain('pc-a');

  // The same holder asking again (after a restart, say) gets its own lease back.
  const again = await client.takeLease(1, 'pc-a', 60);
  expect(again.granted && again.lease.leaseId).toBe(taken.lease.leaseId);

  await control.advanceClock(30);
  const renewed = await client.renewLease(1, taken.lease.leaseId, 60);
  if (!renewed.granted) throw new Error(renewed.message);
  expect(Date.parse(renewed.lease.expiresAt)).toBeGreaterThan(Date.parse(taken.lease.expiresAt));

  expect(await client.releaseLease(1, taken.lease.leaseId)).toBe(true);
  expect(await client.releaseLease(1, taken.lease.leaseId)).toBe(false);
  const afterRelease = await client.takeLease(1, 'pc-b', 60);
  expect(afterRelease.granted).toBe(true);

  // pc-b goes quiet; once its lease has expired, pc-a may take the request and pc-b has lost it.
  await control.advanceClock(61);
  const takeover = await client.takeLease(1, 'pc-a', 60);
  if (!takeover.granted || !afterRelease.granted) throw new Error('expected both leases');
  expect(takeover.lease.leaseId).not.toBe(afterRelease.lease.leaseId);
  expect(await client.renewLease(1, afterRelease.lease.leaseId, 60)).toMatchObject({ granted: false, code: 'lease_lost' });
  expect(await client.releaseLease(1, afterRelease.lease.leaseId)).toBe(false);

  const leases = (await control.inspect()).leases;
  expect(leases).toEqual([{ requestId: 1, leaseId: takeover.lease.leaseId, holder: 'pc-a', expiresAt: takeover.lease.expiresAt, expired: false }]);
});

it('answers 404 for a request the cloud does not know, as a permanent error', async () => {
  await expect(client.takeLease(999_999, 'pc-a', 60)).rejects.toMatchObject({ kind: 'permanent', status: 404, code: 'not_found' });
});

it('never leases a request that is done: its result was reported before the lease was let go', async () => {
  const done = [...sandbox.store.locRequests.values()].find((r) => r.status === 'done');
  if (!done) throw new Error('the seeded shop should have a done request');
  const refused = await client.takeLease(done.id, 'pc-a', 60);
  expect(refused).toMatchObject({ granted: false, code: 'already_done' });
  expect((await sandboxControl(sandbox).inspect()).leases.some((l) => l.requestId === done.id)).toBe(false);
});
