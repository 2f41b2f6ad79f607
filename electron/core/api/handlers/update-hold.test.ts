import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CartDriver } from '../../../../automation/cart-driver';
import { addCloudRequest } from '../../../../test/fixtures/cloud-requests';
import { resultOf } from '../../../../test/fixtures/api-calls';
import { tempDir } from '../../../../test/fixtures/tmp';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import { createCore, type Core } from '../../app';
import type { Flow } from '../../robot/flow';

/**
 * The update's hold on a real core and robot against the cloud sandbox, with a flow of this
 * file's own whose first step waits where the test holds it and whose steps each call the cart
 * (a recording driver), so what reaches the cart while held is counted exactly.
 */
let cloud: CloudSandbox;
const cores: Core[] = [];
const dirs: Array<{ remove(): void }> = [];
const releases: Array<() => void> = [];

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 0 });
});
afterEach(async () => {
  for (const go of releases.splice(0)) go();
  await Promise.all(cores.splice(0).map((c) => c.close()));
  for (const d of dirs.splice(0)) d.remove();
});
afterAll(async () => {
  await cloud?.close();
});

let nextMember = 7000;
function member(): number {
  const id = (nextMember += 1);
  const at = new Date().toISOString();
  cloud.store.upsert('member', { id, lineUserId: `U${id.toString(16).padStart(32, '0')}`, displayName: `会員${id}`, name: null, nameKana: null, phone: null, email: null, operator: null, followedAt: at, updatedAt: at });
  return id;
}

/** Holds the first request's first step until the test lets it go. */
function firstStepGate() {
  let arrived: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let go: () => void = () => undefined;
  const open = new Promise<void>((resolve) => (go = resolve));
  releases.push(go);
  let first = true;
  return {
    reached,
    open: go,
    async at() {
      if (!first) return;
      first = false;
      arrived();
      await open;
    },
  };
}

function station(calls: string[], gate: ReturnType<typeof firstStepGate>) {
  const dir = tempDir('tanto-update-hold-');
  dirs.push(dir);
  const driver: CartDriver = {
    login: async () => undefined,
    findCustomer: async (customerNumber) => {
      calls.push(`findCustomer:${customerNumber}`);
      return { customerNumber, name: 'x', phone: '' };
    },
    createOrder: async (input) => {
      calls.push(`createOrder:${input.customerNumber}`);
      return { orderNumber: '1000000001' };
    },
    findOrderByMarker: () => Promise.reject(new Error('not used')),
    listSubscriptions: () => Promise.reject(new Error('not used')),
    stopSubscription: () => Promise.reject(new Error('not used')),
    writeMemo: () => Promise.reject(new Error('not used')),
    writeSubscriptionMemo: () => Promise.reject(new Error('not used')),
  };
  const flow: Flow<{ customer: string }, object> = {
    kind: 'cancel',
    steps: ['look', 'order', 'finish'],
    pointOfNoReturn: 'order',
    load: (_db, request) => ({ customer: `C${request.id}` }),
    async run(ctx, job) {
      await ctx.step('look', async () => {
        await gate.at();
        await (await ctx.cart('main')).findCustomer(job.customer);
        return {};
      });
      await ctx.step('order', async () => {
        await (await ctx.cart('main')).createOrder({ customerNumber: job.customer } as never);
        return {};
      });
      return {};
    },
    finish: () => ({ summary: 'done' }),
  };
  const core = createCore({
    dataDir: dir.dir,
    cloud: { baseUrl: cloud.url, token: cloud.token },
    syncIntervalMs: 60_000,
    log: () => undefined,
    robot: {
      holder: `pc-update#${dirs.length.toString().padStart(8, '0')}`,
      flows: [flow],
      line: null,
      drivers: { driverFor: async () => driver, close: async () => undefined },
      resolveLogin: async (ref) => ({ ref, cart: 'ecforce', baseUrl: 'http://127.0.0.1:9', email: 'robot@example.test', password: 'test-only' }),
      concurrency: 1,
      pollIntervalMs: 20,
    },
  });
  cores.push(core);
  return core;
}

const statusOf = (core: Core, id: number) => core.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id);
type Idle = { robotStepInFlight: boolean; syncSending: boolean };

describe('the hold an update puts on the core', () => {
  it('lets no step begin from the moment it is asked until it is released, then the robot goes on', async () => {
    const calls: string[] = [];
    const gate = firstStepGate();
    const core = station(calls, gate);
    const first = addCloudRequest(cloud.store, member(), 'cancel');
    await core.sync.now();
    core.robot?.start();
    await gate.reached;

    // A step began just before the question: it is said to be in flight, and stops at once.
    expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: true, syncSending: false });
    expect(cloud.store.locRequests.get(first)?.lease).toBeNull();
    gate.open();
    await expect.poll(() => statusOf(core, first)).toBe('queued');
    expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: false, syncSending: false });

    // Sync begins no cycle while held; staff or the night asking the robot to start begin nothing.
    const second = addCloudRequest(cloud.store, member(), 'cancel');
    await expect(core.sync.now()).rejects.toMatchObject({ kind: 'unavailable', details: { code: 'syncHeldForUpdate' } });
    core.robot?.start();
    core.robot?.wake();
    expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: false, syncSending: false });
    expect(calls).toEqual([]);
    expect(core.robot?.status().running).toBe(false);

    // The update was abandoned: the robot runs again and does both.
    expect(await resultOf(core.api, 'app.releaseHold', {})).toEqual({ released: true });
    await core.sync.now();
    await expect.poll(() => [statusOf(core, first), statusOf(core, second)], { timeout: 10_000 }).toEqual(['done', 'done']);
    expect(calls.sort()).toEqual([`createOrder:C${first}`, `createOrder:C${second}`, `findCustomer:C${first}`, `findCustomer:C${second}`].sort());
  });

  it('leaves a robot that was stopped stopped when released, and a second release does nothing', async () => {
    const core = station([], firstStepGate());
    expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: false, syncSending: false });
    expect(await resultOf(core.api, 'app.releaseHold', {})).toEqual({ released: true });
    expect(core.robot?.status().running).toBe(false);
    expect(await resultOf(core.api, 'app.releaseHold', {})).toEqual({ released: false });
  });

  it('lets a batch already on its way finish and reported as sending, then sends nothing more until released', async () => {
    const core = station([], firstStepGate());
    const who = member();
    const tagId = cloud.store.nextId('tag');
    cloud.store.upsert('tag', { id: tagId, name: `更新前のタグ${tagId}`, folder: null, updatedAt: new Date().toISOString() });
    await core.sync.now();
    // What the cloud holds of the member's tag: set by the first batch, removed only once sent.
    const inCloud = () => [...cloud.store.memberTags.values()].some((t) => t.memberId === who && t.tagId === tagId);
    expect(await core.api.call('members.addTag', { memberId: who, tagId })).toHaveProperty('result');
    cloud.faults.set({ latencyMs: { min: 300, max: 300 } });
    try {
      const underWay = core.sync.now();
      await expect.poll(() => core.sync.sending?.()).toBe(true);
      expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: false, syncSending: true });
      await underWay;
      expect(await resultOf<Idle>(core.api, 'app.holdForUpdate', {})).toEqual({ robotStepInFlight: false, syncSending: false });
      expect(inCloud()).toBe(true);
      // A change made while held waits in the outbox; no asked-for cycle sends it.
      expect(await core.api.call('members.removeTag', { memberId: who, tagId })).toHaveProperty('result');
      await expect(core.sync.now()).rejects.toMatchObject({ details: { code: 'syncHeldForUpdate' } });
      expect(inCloud()).toBe(true);
      expect(core.sync.status().pending).toBe(1);
    } finally {
      cloud.faults.reset();
    }
    expect(await resultOf(core.api, 'app.releaseHold', {})).toEqual({ released: true });
    await core.sync.now();
    expect(inCloud()).toBe(false);
    expect(core.sync.status().pending).toBe(0);
  });
});
