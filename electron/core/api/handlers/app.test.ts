import { afterAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../events';
import type { Robot, RobotStatus, WorkerStatus } from '../../robot/runner';
import type { CloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { enqueueOperation } from '../../sync/outbox';
import { tempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi } from '../registry';
import { resultOf } from '../../../../test/fixtures/api-calls';

const dir = tempDir('tanto-app-idle-');
afterAll(() => dir.remove());

/** A cloud that holds each batch of operations until the test lets it through. */
function holdingCloud() {
  const held: Array<() => void> = [];
  const client: CloudClient = {
    getChanges: async (since) => ({ changes: [], next: since, head: since, hasMore: false }),
    async postMutations(operations) {
      await new Promise<void>((resolve) => held.push(resolve));
      return operations.map((op) => ({ opId: op.opId, status: 'applied' as const }));
    },
    takeLease: () => Promise.reject(new Error('not used')),
    renewLease: () => Promise.reject(new Error('not used')),
    releaseLease: () => Promise.reject(new Error('not used')),
    getUsage: () => Promise.reject(new Error('not used')),
  };
  const nextBatch = async () => {
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    return held.shift()!;
  };
  return { client, nextBatch };
}

/** The robot as app.idle reads it: its workers, one of which the test puts on a request. */
function robotWith(workers: WorkerStatus[]): Robot {
  const status: RobotStatus = { running: true, holder: 'pc-a#1', workers, queue: { waiting: 0, retrying: 0, working: 0 } as never, recentErrors: [] };
  return { status: () => ({ ...status, workers: workers.map((w) => ({ ...w })) }) } as unknown as Robot;
}

describe('app.idle', () => {
  it('says a batch is being sent only while the outbox is on its way, not while pulling or after', async () => {
    const db = dir.open('sending.sqlite');
    const cloud = holdingCloud();
    const sync = createSyncEngine({ db, client: cloud.client, retry: { retries: 0 } });
    const api = createApi(handlers, { db, clock: { now: () => new Date('2026-12-04T01:00:00Z') }, events: createEventBus(), sync }, () => {});

    expect(await resultOf(api, 'app.idle', {})).toEqual({ robotStepInFlight: false, syncSending: false });
    enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2026-12', count: 1 } });
    const cycle = sync.now();
    const release = await cloud.nextBatch();
    expect(await resultOf(api, 'app.idle', {})).toEqual({ robotStepInFlight: false, syncSending: true });
    release();
    await cycle;
    expect(await resultOf(api, 'app.idle', {})).toEqual({ robotStepInFlight: false, syncSending: false });
  });

  it('says a robot step is in flight while any worker holds a request', async () => {
    const db = dir.open('robot.sqlite');
    const workers: WorkerStatus[] = [
      { worker: 0, requestId: null, kind: null, step: null },
      { worker: 1, requestId: null, kind: null, step: null },
    ];
    const sync = { now: async () => ({}), sending: () => false, status: () => ({}) } as never;
    const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync, robot: robotWith(workers) }, () => {});
    expect(await resultOf(api, 'app.idle', {})).toMatchObject({ robotStepInFlight: false });
    workers[1] = { worker: 1, requestId: 7, kind: 'crosssell', step: 'create_order' };
    expect(await resultOf(api, 'app.idle', {})).toMatchObject({ robotStepInFlight: true });
    workers[1] = { worker: 1, requestId: null, kind: null, step: null };
    expect(await resultOf(api, 'app.idle', {})).toMatchObject({ robotStepInFlight: false });
  });

  it('counts a running cycle as sending where the sync service cannot tell its phase', async () => {
    const db = dir.open('plain.sqlite');
    const sync = { now: async () => ({}), status: () => ({ running: true }) } as never;
    const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync }, () => {});
    expect(await resultOf(api, 'app.idle', {})).toEqual({ robotStepInFlight: false, syncSending: true });
  });
});
