import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { createEventBus } from '../events';
import { createCloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { quarantinedRaw } from './quarantine';
import { localCounts, sandboxControl, tempDir, type TempDir } from './sync-test-support';

let sandbox: CloudSandbox;
let dir: TempDir;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 100, orders: 300 });
  dir = tempDir();
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

it('quarantines malformed changes with their reason and applies the rest of the page', async () => {
  const control = sandboxControl(sandbox);
  const db = dir.open();
  const events = createEventBus();
  const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  const engine = createSyncEngine({ db, client, events, pageSize: 1000 });
  await engine.now();

  const malformed = await control.corrupt('malformed');
  const before = await control.tap(3, 1);
  const orphan = await control.corrupt('orphan');
  const unknown = await control.corrupt('unknown_entity');
  const after = await control.tap(4, 2);
  const locChanged: number[] = [];
  events.on('loc.changed', ({ ids }) => locChanged.push(...ids));

  const result = await engine.now();
  expect(result).toMatchObject({ applied: 2, quarantined: 3 });
  expect(locChanged).toEqual([before.id, after.id]);

  const cloud = await control.inspect();
  expect(localCounts(db)).toEqual(cloud.counts);

  const status = engine.status();
  expect(status.cursor).toBe(cloud.head);
  expect(status.lastError).toBeNull();
  expect(status.quarantined.map((q) => [q.seq, q.entity, q.op])).toEqual([
    [malformed.seq, 'member', 'upsert'],
    [orphan.seq, 'cart_customer', 'upsert'],
    [unknown.seq, 'coupon', 'upsert'],
  ]);
  const [bad, fk, coupon] = status.quarantined;
  expect(bad!.reason).toMatch(/^invalid member upsert: id: /);
  expect(fk!.reason).toMatch(/cart_customer upsert refused by the database: FOREIGN KEY constraint failed/);
  expect(coupon!.reason).toBe('unknown entity "coupon"');
  expect(JSON.parse(quarantinedRaw(db, bad!.id)!)).toEqual({
    seq: malformed.seq,
    entity: 'member',
    op: 'upsert',
    data: { id: 'not-a-number', displayName: 42 },
  });

  // Quarantined changes stay behind the cursor: pulling again does not see them twice.
  await engine.now();
  expect(engine.status().quarantined).toHaveLength(3);
});
