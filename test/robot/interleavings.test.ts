import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { crosssellSteps, markerFor } from '../../electron/core/flows/crosssell/flow';
import type { Checkpoint } from '../../electron/core/robot/flow';
import { startLinkProxy, type LinkProxy } from '../../sandbox/shared/link-proxy';
import type { LinkedCustomer } from '../../sandbox/demo/crosssell-world';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

/**
 * The cross-sell robot where someone or something else acts at the same moment: repeat taps on
 * two workstations, staff at every step, a cloud link that drops for longer than the lease, a
 * reopen. What counts is what the sandboxes hold: orders with the request's marker, LINE
 * deliveries, the cloud's statuses.
 */
let s: Sandboxes;
let scratch: { dir: string; remove(): void };
const cores: Core[] = [];
const proxies: LinkProxy[] = [];
let used = 0;

beforeAll(async () => {
  s = await startSandboxes({ customers: 40 });
  scratch = scratchDir();
});
afterEach(async () => {
  await Promise.all(cores.splice(0).map((c) => c.close()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await s?.close();
  scratch?.remove();
});

/** A customer no other test in this file has used, with running subscriptions when asked. */
function freshCustomer(withSubscriptions: boolean): LinkedCustomer {
  const pool = s.world.customers.filter((c) => (c.runningSubscriptions > 0) === withSubscriptions);
  const customer = pool[used++ % pool.length];
  if (!customer) throw new Error('no customer');
  return customer;
}

/** Holds the robot at one checkpoint until released; resolves `reached` when it gets there. */
function holdAt(point: string) {
  let release!: () => void;
  let arrived!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let done = false;
  const checkpoint: Checkpoint = async (step, phase) => {
    if (done || `${step}:${phase}` !== point) return;
    done = true;
    arrived();
    await released;
  };
  return { checkpoint, reached, release: () => release() };
}

async function station(name: string, options: { checkpoint?: Checkpoint; cloudUrl?: string; concurrency?: number; monotonic?: () => number } = {}): Promise<Core> {
  const endpoints = endpointsOf(s);
  if (options.cloudUrl) endpoints.cloud = { ...endpoints.cloud, baseUrl: options.cloudUrl };
  const core = await startRobotCore(endpoints, {
    dataDir: path.join(scratch.dir, `${name}-${cores.length}-${Date.now()}`),
    holder: `${name}#${String(cores.length).padStart(8, '0')}`,
    concurrency: options.concurrency ?? 1,
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    ...(options.monotonic ? { monotonic: options.monotonic } : {}),
  });
  cores.push(core);
  return core;
}

async function settle(...stations: Core[]): Promise<void> {
  for (let round = 0; round < 2; round += 1) {
    await Promise.all(stations.map((c) => c.sync.now()));
    await Promise.all(stations.map((c) => c.robot?.whenIdle()));
  }
  await Promise.all(stations.map((c) => c.sync.now()));
}

const uidOf = (id: number) => s.cloud.store.locRequests.get(id)?.uid ?? '-';
const ordersOf = (id: number) => s.ecforce.inspect().orders.filter((o) => o.memo.includes(markerFor(uidOf(id))));
const messagesTo = (customer: LinkedCustomer) => s.line.delivered().filter((m) => m.to === customer.lineUserId);
const call = async (core: Core, name: string, args: unknown) =>
  (await core.api.call(name, args)) as { result?: Record<string, unknown>; error?: { kind: string; message: string; details?: Record<string, unknown> } };

describe('repeat taps', () => {
  it('three taps of one config by one member on two workstations of two workers: one order, one message, the new subscription kept', { timeout: 300_000 }, async () => {
    const customer = freshCustomer(true);
    const before = s.ecforce.inspect().subscriptions.filter((x) => x.customerNumber === customer.customerNumber);
    const ids = [];
    for (let n = 0; n < 3; n += 1) ids.push(await s.world.tap(customer.memberId, s.world.configIds.subscription));
    const [a, b] = await Promise.all([station('pc-tap-a', { concurrency: 2 }), station('pc-tap-b', { concurrency: 2 })]);
    await Promise.all([a.sync.now(), b.sync.now()]);
    a.robot?.start();
    b.robot?.start();
    await settle(a, b);

    expect(ids.map((id) => s.cloud.store.locRequests.get(id)?.status)).toEqual(['done', 'needs_manual', 'needs_manual']);
    expect(ids.map((id) => ordersOf(id).length)).toEqual([1, 0, 0]);
    for (const id of ids.slice(1)) expect(s.cloud.store.locRequests.get(id)?.robotResult?.message).toMatch(/^重複: .*LOC/);
    expect(messagesTo(customer)).toHaveLength(1);
    // Seed 000 ⑮: every subscription that was running is stopped; the new one is the only one running.
    const after = s.ecforce.inspect().subscriptions.filter((x) => x.customerNumber === customer.customerNumber);
    const running = after.filter((x) => x.status === '有効');
    expect(running).toHaveLength(1);
    expect(before.some((x) => x.id === running[0]?.id)).toBe(false);
  });

  it('two configs tapped by one member are both ordered, one after the other, and the detail says what was stopped', { timeout: 300_000 }, async () => {
    const customer = freshCustomer(true);
    const wasRunning = s.ecforce
      .inspect()
      .subscriptions.filter((x) => x.customerNumber === customer.customerNumber && x.status === '有効')
      .map((x) => x.number);
    const single = await s.world.tap(customer.memberId, s.world.configIds.single);
    const subscription = await s.world.tap(customer.memberId, s.world.configIds.subscription);
    const [a, b] = await Promise.all([station('pc-two-a', { concurrency: 2 }), station('pc-two-b', { concurrency: 2 })]);
    await Promise.all([a.sync.now(), b.sync.now()]);
    a.robot?.start();
    b.robot?.start();
    await settle(a, b);

    expect([single, subscription].map((id) => s.cloud.store.locRequests.get(id)?.status)).toEqual(['done', 'done']);
    expect([single, subscription].map((id) => ordersOf(id).length)).toEqual([1, 1]);
    const runs = [a, b].flatMap((c) =>
      c.db.prepare(`SELECT loc_request_id AS id, started_at AS startedAt, finished_at AS finishedAt FROM robot_runs WHERE loc_request_id IN (?, ?)`).all(single, subscription),
    ) as Array<{ id: number; startedAt: string; finishedAt: string }>;
    runs.sort((x, y) => x.startedAt.localeCompare(y.startedAt));
    for (let n = 1; n < runs.length; n += 1) expect(runs[n]!.startedAt >= runs[n - 1]!.finishedAt).toBe(true);
    const summary = s.cloud.store.locRequests.get(subscription)?.robotResult?.message ?? '';
    for (const number of wasRunning) expect(summary).toContain(String(number));
    expect(summary).toMatch(/停止しました/);
  });
});

describe('staff while the robot works', () => {
  const steps = crosssellSteps.filter((step) => step !== 'finish');
  it.each(steps)('at %s: completion is refused, a stop is honoured only before create_order, and no order follows a staff completion', { timeout: 180_000 }, async (step) => {
    const customer = freshCustomer(false);
    const id = await s.world.tap(customer.memberId, s.world.configIds.single);
    const hold = holdAt(`${step}:started`);
    const core = await station(`pc-staff-${step}`, { checkpoint: hold.checkpoint });
    await core.sync.now();
    core.robot?.start();
    await hold.reached;

    const complete = await call(core, 'loc.complete', { ids: [id], completionStatus: 'クロスセル受付', staff: '佐藤' });
    expect(complete.error).toMatchObject({ kind: 'conflict', details: { held: [expect.objectContaining({ id, here: true })] } });
    const stop = await call(core, 'loc.stopRobot', { id, staff: '佐藤' });
    const stoppable = step === 'prepare';
    if (stoppable) expect(stop.result).toEqual({ id, stop: 'requested' });
    else expect(stop.error).toMatchObject({ kind: 'conflict', details: { reason: 'past_point_of_no_return' } });
    hold.release();
    await settle(core);

    if (stoppable) {
      expect(s.cloud.store.locRequests.get(id)?.status).toBe('needs_manual');
      expect(await call(core, 'loc.complete', { ids: [id], completionStatus: 'クロスセル受付', staff: '佐藤' })).toMatchObject({ result: { ids: [id] } });
      await core.sync.now();
      expect(s.cloud.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: 'クロスセル受付' });
      expect(ordersOf(id)).toHaveLength(0);
      const journal = core.db.prepare('SELECT event, actor, actor_detail AS who FROM loc_transitions WHERE loc_request_id = ? ORDER BY id').all(id);
      expect(journal).toEqual(
        expect.arrayContaining([
          { event: 'stop_requested', actor: 'staff', who: '佐藤' },
          expect.objectContaining({ event: 'stop', actor: 'robot' }),
          { event: 'complete_by_staff', actor: 'staff', who: '佐藤' },
        ]),
      );
    } else {
      expect(s.cloud.store.locRequests.get(id)?.status).toBe('done');
      expect(ordersOf(id)).toHaveLength(1);
    }
    // The cloud never took a status change from anyone but the holder while the lease was held.
    const refusedByCloud = s.cloud.store.mutations.filter((m) => m.status === 'rejected' && /only its holder/.test(m.reason ?? ''));
    expect(refusedByCloud).toEqual([]);
  });
});

describe('a cloud link that drops for longer than the lease', () => {
  it('stops the first workstation at its deadline before the cart confirms; the second orders once', { timeout: 300_000 }, async () => {
    const customer = freshCustomer(false);
    const id = await s.world.tap(customer.memberId, s.world.configIds.single);
    const proxy = await startLinkProxy(s.cloud.url);
    proxies.push(proxy);
    const hold = holdAt('create_order:started');
    const skew = { ms: 0 };
    const first = await station('pc-link-a', { checkpoint: hold.checkpoint, cloudUrl: proxy.url, monotonic: () => performance.now() + skew.ms });
    await first.sync.now();
    first.robot?.start();
    await hold.reached;

    // The link drops; the lease's lifetime (30 s) passes for the cloud and for the first PC.
    proxy.cut();
    s.cloud.clock.advance(31);
    skew.ms += 31_000;
    const stopped = new Promise<void>((resolve) => {
      const off = first.events.on('loc.changed', () => {
        if (first.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id) === 'queued') {
          off();
          resolve();
        }
      });
    });
    hold.release();
    await stopped;
    const lastRun = first.db.prepare('SELECT error_message FROM robot_runs WHERE loc_request_id = ? ORDER BY id DESC LIMIT 1').pluck().get(id);
    expect(lastRun).toMatch(/期限/);
    expect(ordersOf(id)).toHaveLength(0);

    const second = await station('pc-link-b');
    await second.sync.now();
    second.robot?.start();
    await settle(second);
    expect(s.cloud.store.locRequests.get(id)?.status).toBe('done');

    proxy.restore();
    await settle(first, second);
    expect(ordersOf(id)).toHaveLength(1);
    expect(messagesTo(customer)).toHaveLength(1);
  });
});

describe('reopen, then retry with the robot', () => {
  it('runs as a new attempt, ends done in the cloud and adopts the first order instead of making a second', { timeout: 300_000 }, async () => {
    const customer = freshCustomer(false);
    const id = await s.world.tap(customer.memberId, s.world.configIds.single);
    const core = await station('pc-reopen');
    await core.sync.now();
    core.robot?.start();
    await settle(core);
    expect(s.cloud.store.locRequests.get(id)?.status).toBe('done');

    expect((await call(core, 'loc.reopen', { id, reason: 'タグが付いていない' })).result).toMatchObject({ id });
    expect((await call(core, 'loc.retry', { id })).result).toMatchObject({ id, status: 'queued' });
    await settle(core);
    expect(s.cloud.store.locRequests.get(id)?.status).toBe('done');
    expect(s.cloud.store.locRequests.get(id)?.robotResult?.message).toMatch(/引き継ぎました/);
    expect(ordersOf(id)).toHaveLength(1);
    expect(messagesTo(customer)).toHaveLength(1);
    expect(core.db.prepare('SELECT generation FROM robot_runs WHERE loc_request_id = ? ORDER BY id').pluck().all(id)).toEqual([1, 2]);
  });
});
