import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CartDriver } from '../../automation/cart-driver';
import { createCore, type Core } from '../../electron/core/app';
import type { LineClient } from '../../electron/core/line/client';
import type { Flow, RequestRef } from '../../electron/core/robot/flow';
import { saveNightWindow } from '../../electron/core/night/night-window';
import { setShopTimeZone } from '../../electron/core/shop/time-zone';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { addCloudRequest } from '../fixtures/cloud-requests';
import { tempDir } from '../fixtures/tmp';

/**
 * Night mode and sleep against the cloud sandbox, with a flow of this file's own whose steps each
 * act on the cart (a recording driver), so what reaches the cart after a sleep or a night's end is
 * counted exactly. The core's clock is driven: a night passes without waiting for it.
 */
let cloud: CloudSandbox;
const cores: Core[] = [];
const dirs: Array<{ remove(): void }> = [];
const openGates: Array<() => void> = [];

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 0 });
});
afterEach(async () => {
  for (const open of openGates.splice(0)) open();
  await Promise.all(cores.splice(0).map((c) => c.close()));
  for (const d of dirs.splice(0)) d.remove();
});
afterAll(async () => {
  await cloud?.close();
});

let nextMember = 5000;
function member(): number {
  const id = (nextMember += 1);
  const at = new Date().toISOString();
  cloud.store.upsert('member', { id, lineUserId: `U${id.toString(16).padStart(32, '0')}`, displayName: `会員${id}`, name: null, nameKana: null, phone: null, email: null, operator: null, followedAt: at, updatedAt: at });
  return id;
}

/** Holds the flow inside a step until the test lets it go. */
function gate(held: string) {
  const waiting = new Set<() => void>();
  const arrivals = new Set<() => void>();
  let entered = 0;
  let open = false;
  const openAll = () => {
    open = true;
    for (const go of waiting) go();
    waiting.clear();
  };
  openGates.push(openAll);
  return {
    async at(step: string) {
      if (step !== held || open) return;
      entered += 1;
      for (const arrived of arrivals) arrived();
      await new Promise<void>((resolve) => waiting.add(resolve));
    },
    reached: () =>
      new Promise<void>((resolve) => {
        const check = () => entered > 0 && (arrivals.delete(check), resolve());
        arrivals.add(check);
        check();
      }),
    open: openAll,
  };
}

/** Every LINE push, by recipient, recorded with the cart's calls. */
function recordingLine(calls: string[]): LineClient {
  return {
    push: async (to) => {
      calls.push(`push:${to}`);
      return { status: 'delivered', sentMessages: [] } as never;
    },
    getProfile: async () => null,
    followerIds: async function* () {},
  };
}

/** Every cart call, by method and customer, in the order they reached the cart. */
function recordingDriver(calls: string[]): CartDriver {
  const unused = () => Promise.reject(new Error('not used by this flow'));
  return {
    login: async () => undefined,
    findCustomer: async (customerNumber) => {
      calls.push(`findCustomer:${customerNumber}`);
      return { customerNumber, name: 'x', phone: '' };
    },
    createOrder: async (input) => {
      calls.push(`createOrder:${input.customerNumber}`);
      return { orderNumber: '1000000001' };
    },
    findOrderByMarker: unused,
    listSubscriptions: unused,
    stopSubscription: unused,
    writeMemo: unused,
    writeSubscriptionMemo: unused,
  };
}

/** Looks the customer up, orders, then messages them: one cart or LINE action per step. */
function cartFlow(g: ReturnType<typeof gate>): Flow<{ customer: string }, { ordered: boolean }> {
  return {
    kind: 'cancel',
    steps: ['look', 'order', 'tell', 'finish'],
    pointOfNoReturn: 'order',
    load: (_db, request: RequestRef) => ({ customer: `C${request.id}` }),
    async run(ctx, job) {
      await ctx.step('look', async () => {
        await g.at('look');
        await (await ctx.cart('main')).findCustomer(job.customer);
        return {};
      });
      await ctx.step('order', async () => {
        await g.at('order');
        await (await ctx.cart('main')).createOrder({ customerNumber: job.customer } as never);
        return {};
      });
      await ctx.step('tell', async () => {
        await g.at('tell');
        await ctx.line?.push(job.customer, [{ type: 'text', text: 'ご注文を承りました' }], '00000000-0000-4000-8000-000000000000');
        return {};
      });
      return { ordered: true };
    },
    finish: () => ({ summary: 'ordered' }),
  };
}

/** A clock that runs on from wherever the test sets it. */
function drivenClock(startIso: string) {
  let base = Date.parse(startIso);
  let since = performance.now();
  return {
    now: () => new Date(base + (performance.now() - since)),
    set(iso: string) {
      base = Date.parse(iso);
      since = performance.now();
    },
  };
}

function station(g: ReturnType<typeof gate>, calls: string[], clock = drivenClock(new Date().toISOString())) {
  const dir = tempDir('tanto-night-');
  dirs.push(dir);
  const core = createCore({
    dataDir: dir.dir,
    cloud: { baseUrl: cloud.url, token: cloud.token },
    clock,
    syncIntervalMs: 60_000,
    log: () => undefined,
    robot: {
      holder: `pc-night#${dirs.length.toString().padStart(8, '0')}`,
      flows: [cartFlow(g)],
      line: recordingLine(calls),
      drivers: { driverFor: async () => recordingDriver(calls), close: async () => undefined },
      resolveLogin: async (ref) => ({ ref, cart: 'ecforce', baseUrl: 'http://127.0.0.1:9', email: 'robot@example.test', password: 'test-only' }),
      concurrency: 1,
      // Long enough that the minute the tests move the clock on under a held lease keeps it trusted.
      leaseTtlSeconds: 600,
      pollIntervalMs: 20,
    },
  });
  cores.push(core);
  return { core, clock };
}

const statusOf = (core: Core, id: number) => core.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id);

describe('sleep and wake', () => {
  it('gives the lease back on suspend, lets no cart action through after it, and goes on with the request on resume', async () => {
    const g = gate('look');
    const calls: string[] = [];
    const id = addCloudRequest(cloud.store, member(), 'cancel');
    const { core } = station(g, calls);
    await core.sync.now();
    core.robot?.start();
    await g.reached();
    expect(cloud.store.locRequests.get(id)?.lease).not.toBeNull();

    expect(await core.api.call('power.suspend', {})).toEqual({ result: { suspended: true, robotRunning: false } });
    // Given back at once: another workstation may take the request while this PC sleeps.
    expect(cloud.store.locRequests.get(id)?.lease).toBeNull();
    // The step under way goes on as the PC wakes, but its cart action is refused.
    g.open();
    await expect.poll(() => statusOf(core, id), { timeout: 5_000, interval: 10 }).toBe('queued');
    expect(calls).toEqual([]);
    const run = core.db.prepare('SELECT outcome, error_message AS message FROM robot_runs WHERE loc_request_id = ?').get(id);
    expect(run).toEqual({ outcome: 'failed_retryable', message: expect.stringMatching(/スリープ/) });
    expect(core.robot?.status().running).toBe(false);

    expect(await core.api.call('power.resume', {})).toEqual({ result: { suspended: false, robotRunning: true } });
    await core.robot?.whenIdle();
    await core.sync.now();
    expect(statusOf(core, id)).toBe('done');
    expect(calls).toEqual([`findCustomer:C${id}`, `createOrder:C${id}`, `push:C${id}`]);
    expect(cloud.store.locRequests.get(id)).toMatchObject({ status: 'done', lease: null });
  });

  it('sends no LINE message from a step the PC went to sleep in, and sends it once on waking', async () => {
    const g = gate('tell');
    const calls: string[] = [];
    const id = addCloudRequest(cloud.store, member(), 'cancel');
    const { core } = station(g, calls);
    await core.sync.now();
    core.robot?.start();
    await g.reached();
    await core.api.call('power.suspend', {});
    expect(cloud.store.locRequests.get(id)?.lease).toBeNull();
    g.open();
    await expect.poll(() => statusOf(core, id), { timeout: 5_000, interval: 10 }).toBe('queued');
    expect(calls).toEqual([`findCustomer:C${id}`, `createOrder:C${id}`]);
    await core.api.call('power.resume', {});
    await core.robot?.whenIdle();
    // The steps done before the sleep are not done again: one order, one message.
    expect(calls).toEqual([`findCustomer:C${id}`, `createOrder:C${id}`, `push:C${id}`]);
    expect(statusOf(core, id)).toBe('done');
  });

  it('stays stopped on resume when it was stopped before the sleep and no night is under way', async () => {
    const { core } = station(gate('none'), []);
    await core.api.call('power.suspend', {});
    expect(await core.api.call('power.resume', {})).toEqual({ result: { suspended: false, robotRunning: false } });
  });
});

describe('the night schedule', () => {
  it('starts the robot as the night begins, and at its end lets the current step finish and begins no other', async () => {
    const g = gate('look');
    const calls: string[] = [];
    const clock = drivenClock('2026-12-04T12:59:00.000Z');
    const { core } = station(g, calls, clock);
    saveNightWindow(core.db, { enabled: true, start: '22:00', end: '07:00' });
    await core.sync.now();

    await core.night.check();
    expect(core.robot?.status().running).toBe(false);
    clock.set('2026-12-04T13:00:00.000Z');
    await core.night.check();
    expect(core.robot?.status().running).toBe(true);
    expect(core.night.current()?.end.toISOString()).toBe('2026-12-04T22:00:00.000Z');

    clock.set('2026-12-04T21:59:00.000Z');
    await core.night.check();
    expect(core.robot?.status().running).toBe(true);
    // A request taken a minute before the night ends, held inside its first step.
    const id = addCloudRequest(cloud.store, member(), 'cancel');
    await core.sync.now();
    core.robot?.wake();
    await g.reached();

    const stops: unknown[] = [];
    core.events.on('robot.stoppedByItself', (stop) => stops.push(stop));
    clock.set('2026-12-04T22:00:00.000Z');
    const ending = core.night.check();
    g.open();
    await ending;
    expect(core.robot?.status().running).toBe(false);
    // Said once, with the request left for the next night, so the desktop can tell staff.
    expect(stops).toEqual([{ cause: 'night-ended', workLeft: 1, at: expect.stringMatching(/^2026-12-04T22:00:/) }]);
    // The step under way finished (its cart action went through); the order step never began.
    expect(calls).toEqual([`findCustomer:C${id}`]);
    expect(statusOf(core, id)).toBe('queued');
    await core.sync.now();
    expect(cloud.store.locRequests.get(id)?.lease).toBeNull();
    const steps = core.db.prepare(`SELECT s.step, s.state FROM run_steps s JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? ORDER BY s.id`).all(id);
    expect(steps).toEqual([{ step: 'look', state: 'done' }]);
    // The night is reported as it ended.
    const latest = await core.api.call('morning.latest', {});
    expect(latest).toMatchObject({ result: { unseen: true, report: { nightStart: '2026-12-04T13:00:00.000Z', nightEnd: '2026-12-04T22:00:00.000Z', processed: 1, retrying: 1, done: 0 } } });

    // The next night picks it up at the step after the one done.
    clock.set('2026-12-05T13:00:00.000Z');
    await core.night.check();
    await core.robot?.whenIdle();
    expect(calls).toEqual([`findCustomer:C${id}`, `createOrder:C${id}`, `push:C${id}`]);
    expect(statusOf(core, id)).toBe('done');
  });

  it('ends the night at once when the shop moves to a zone where it is not night yet', async () => {
    const clock = drivenClock('2026-12-04T13:30:00.000Z');
    const { core } = station(gate('none'), [], clock);
    saveNightWindow(core.db, { enabled: true, start: '22:00', end: '07:00' });
    await core.night.check();
    expect(core.robot?.status().running).toBe(true);
    const stops: Array<{ workLeft: number }> = [];
    core.events.on('robot.stoppedByItself', (stop) => stops.push(stop));
    // 22:30 in Tokyo is 21:30 in Taipei.
    setShopTimeZone(core.db, 'Asia/Taipei');
    await core.night.check();
    expect(core.robot?.status().running).toBe(false);
    // Nothing was left to do: the desktop has nothing to tell.
    expect(stops.map((stop) => stop.workLeft)).toEqual([0]);
    clock.set('2026-12-04T14:00:00.000Z');
    await core.night.check();
    expect(core.night.current()?.start.toISOString()).toBe('2026-12-04T14:00:00.000Z');
    expect(core.robot?.status().running).toBe(true);
  });

  it('is changed from the API, and a window that includes the present starts the robot at once', async () => {
    const clock = drivenClock('2026-12-04T15:00:00.000Z');
    const { core } = station(gate('none'), [], clock);
    const set = await core.api.call('night.set', { enabled: true, start: '23:00', end: '05:00' });
    expect(set).toEqual({ result: { window: { enabled: true, start: '23:00', end: '05:00' }, tonight: { start: '2026-12-04T14:00:00.000Z', end: '2026-12-04T20:00:00.000Z' }, startAtLogin: false } });
    expect(core.robot?.status().running).toBe(true);
    expect((await core.api.call('night.set', { enabled: false, start: '23:00', end: '05:00' })) as unknown).toMatchObject({ result: { tonight: null } });
    expect(core.robot?.status().running).toBe(false);
    expect(await core.api.call('night.set', { enabled: true, start: '05:00', end: '05:00' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    const told: boolean[] = [];
    core.events.on('night.settingsChanged', ({ startAtLogin }) => told.push(startAtLogin));
    expect(await core.api.call('night.setStartAtLogin', { startAtLogin: true })).toMatchObject({ result: { startAtLogin: true } });
    expect(told).toEqual([true]);
    expect(await core.api.call('night.get', {})).toMatchObject({ result: { startAtLogin: true, window: { enabled: false } } });
  });
});
