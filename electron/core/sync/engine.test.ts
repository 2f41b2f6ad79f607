import { afterAll, expect, it } from 'vitest';
import { createEventBus } from '../events';
import type { ChangesPage } from './change-schemas';
import type { CloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import type { MutationOperation } from './mutation-schemas';
import { enqueueOperation } from './outbox';
import { tempDir } from './sync-test-support';

const dir = tempDir();
afterAll(() => dir.remove());
const t = '2025-06-01T00:00:00.000Z';

const memberChange = (seq: number) => ({
  seq,
  entity: 'member',
  op: 'upsert',
  data: { id: seq, lineUserId: `U${seq}`, displayName: `会員${seq}`, updatedAt: t },
});

/** A cloud whose feed answers only when the test lets it, to see what the engine does meanwhile. */
function gatedCloud(feed: number) {
  const gates: Array<() => void> = [];
  const calls = { changes: 0, mutations: [] as MutationOperation[][] };
  const client: CloudClient = {
    async getChanges(since, limit): Promise<ChangesPage> {
      calls.changes += 1;
      await new Promise<void>((resolve) => gates.push(resolve));
      const changes = Array.from({ length: Math.max(0, Math.min(limit, feed - since)) }, (_, k) => memberChange(since + k + 1));
      const next = since + changes.length;
      return { changes, next, head: feed, hasMore: next < feed };
    },
    async postMutations(operations) {
      calls.mutations.push(operations);
      return operations.map((op) => ({ opId: op.opId, status: 'applied' as const }));
    },
    takeLease: () => Promise.reject(new Error('not used')),
    renewLease: () => Promise.reject(new Error('not used')),
    releaseLease: () => Promise.reject(new Error('not used')),
    getUsage: () => Promise.reject(new Error('not used')),
  };
  const waitForGate = async () => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    return gates.shift()!;
  };
  return { client, calls, waitForGate };
}

it('shares one run between concurrent calls and reports it as running', async () => {
  const db = dir.open('concurrent.sqlite');
  const cloud = gatedCloud(3);
  const engine = createSyncEngine({ db, client: cloud.client, pageSize: 2 });
  const a = engine.now();
  const b = engine.now();
  expect(b).toBe(a);
  (await cloud.waitForGate())();
  // The second page is being asked for, so the first one is in.
  const second = await cloud.waitForGate();
  expect(engine.status()).toMatchObject({ running: true, cursor: 2, lag: 1 });
  second();
  expect(await a).toMatchObject({ applied: 3, cursor: 3 });
  expect(cloud.calls.changes).toBe(2);
  expect(engine.status()).toMatchObject({ running: false, cursor: 3, lag: 0 });
});

it('keeps pulling to the head when operations are queued while a page downloads, and pushes them next time', async () => {
  const db = dir.open('pending.sqlite');
  const cloud = gatedCloud(4);
  const events = createEventBus();
  const engine = createSyncEngine({ db, client: cloud.client, events, pageSize: 2 });
  const run = engine.now();
  const release = await cloud.waitForGate();
  // A usage count changes no replica row, so nothing of the page waits for it.
  const opId = enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-06', count: 1 } });
  release();
  (await cloud.waitForGate())();
  expect(await run).toMatchObject({ pushed: 0, applied: 4, cursor: 4 });
  expect(engine.status().pending).toBe(1);

  const next = engine.now();
  (await cloud.waitForGate())();
  expect(await next).toMatchObject({ pushed: 1, applied: 0, cursor: 4 });
  expect(cloud.calls.mutations.flat().map((op) => op.opId)).toEqual([opId]);
});

it('runs on its interval once started and stops cleanly', async () => {
  const db = dir.open('interval.sqlite');
  let pulls = 0;
  const client: CloudClient = {
    getChanges: async (since) => {
      pulls += 1;
      return { changes: [], next: since, head: since, hasMore: false };
    },
    postMutations: async () => [],
    takeLease: () => Promise.reject(new Error('not used')),
    renewLease: () => Promise.reject(new Error('not used')),
    releaseLease: () => Promise.reject(new Error('not used')),
    getUsage: () => Promise.reject(new Error('not used')),
  };
  const events = createEventBus();
  const engine = createSyncEngine({ db, client, events, intervalMs: 5 });
  const threeCycles = new Promise<void>((resolve) => {
    let cycles = 0;
    events.on('sync.completed', () => {
      cycles += 1;
      if (cycles === 3) resolve();
    });
  });
  engine.start();
  await threeCycles;
  await engine.stop();
  const after = pulls;
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(pulls).toBe(after);
  expect(engine.status().lastPullAt).not.toBeNull();
});
