import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addCloudRequest } from '../../../test/fixtures/cloud-requests';
import { createProbeFlow, PROBE_KIND } from '../../../test/fixtures/probe-flow';
import { tempDir } from '../../../test/fixtures/tmp';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { lineUserIdFor } from '../../../sandbox/line/profiles';
import { startLineSandbox, type LineSandbox } from '../../../sandbox/line/server';
import { createCore, type Core } from '../app';
import { lineRetryKey } from '../line/retry-key';
import { createLineClient } from '../line/client';
import { heldBy } from '../loc/held-by';
import { markStopRequested, transition } from '../loc/transitions';
import type { RequestRef, SaidReason } from './flow';
import { createFlowRegistry } from './flow';

/**
 * The engine with a flow of its own (test/fixtures/probe-flow.ts), against the cloud and LINE
 * sandboxes: one member at a time, staff and the robot never both acting, a lease trusted only
 * to its local deadline, a reopen as a new attempt, and LINE's 24-hour window. The cross-sell
 * flow runs through the same engine in test/robot with Chromium.
 */
let cloud: CloudSandbox;
let line: LineSandbox;
const cores: Core[] = [];
const dirs: Array<{ remove(): void }> = [];
/** Every gate a test made, opened before its stations close so no worker is left waiting. */
const openGates: Array<() => void> = [];

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 0 });
  line = await startLineSandbox();
  cloud.store.upsert('tag', { id: 1, name: 'キャンセル受付', folder: null, updatedAt: new Date().toISOString() });
});
afterEach(async () => {
  for (const open of openGates.splice(0)) open();
  await Promise.all(cores.splice(0).map((c) => c.close()));
  for (const d of dirs.splice(0)) d.remove();
});
afterAll(async () => {
  await Promise.all([cloud?.close(), line?.close()]);
});

let nextMember = 1000;
function member(): { id: number; lineUserId: string } {
  const id = (nextMember += 1);
  const lineUserId = lineUserIdFor(`engine-${id}`);
  const at = new Date().toISOString();
  cloud.store.upsert('member', { id, lineUserId, displayName: `会員${id}`, name: null, nameKana: null, phone: null, email: null, operator: null, followedAt: at, updatedAt: at });
  line.addProfiles([{ userId: lineUserId, displayName: `会員${id}` }]);
  return { id, lineUserId };
}

const request = (memberId: number) => addCloudRequest(cloud.store, memberId, PROBE_KIND);

/** A gate per step: the flow waits inside the step until the test opens it. */
function gates(held: readonly string[]) {
  const entered: Array<{ step: string; requestId: number; memberId: number; at: number }> = [];
  const left: Array<{ requestId: number; at: number }> = [];
  const waiting = new Set<() => void>();
  const listeners = new Set<() => void>();
  let open = false;
  const gate = async (step: string, req: RequestRef) => {
    entered.push({ step, requestId: req.id, memberId: req.memberId, at: performance.now() });
    for (const l of listeners) l();
    if (!open && held.includes(step)) await new Promise<void>((resolve) => waiting.add(resolve));
    if (step === held.at(-1)) left.push({ requestId: req.id, at: performance.now() });
  };
  const openAll = () => {
    open = true;
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  openGates.push(openAll);
  return {
    gate,
    entered,
    left,
    /** Resolves once `n` steps have entered their gate. */
    reached: (n: number) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (entered.length >= n) {
            listeners.delete(check);
            resolve();
          }
        };
        listeners.add(check);
        check();
      }),
    open: openAll,
  };
}

interface Station {
  core: Core;
  clock: { offsetMs: number };
  monotonic: { offsetMs: number };
}

function station(
  holder: string,
  gate: ReturnType<typeof gates>['gate'],
  concurrency = 2,
  log: (line: string) => void = () => undefined,
  skip?: (request: RequestRef) => string | SaidReason | null,
): Station {
  const dir = tempDir('tanto-engine-');
  dirs.push(dir);
  const clock = { offsetMs: 0 };
  const monotonic = { offsetMs: 0 };
  const core = createCore({
    dataDir: dir.dir,
    cloud: { baseUrl: cloud.url, token: cloud.token },
    clock: { now: () => new Date(Date.now() + clock.offsetMs) },
    syncIntervalMs: 60_000,
    log,
    robot: {
      holder,
      flows: [createProbeFlow({ gate, tagId: 1, ...(skip ? { skip } : {}) })],
      line: createLineClient({ baseUrl: line.url, channelAccessToken: line.channelToken }),
      drivers: {
        driverFor: () => Promise.reject(new Error('this flow uses no cart')),
        close: async () => undefined,
      },
      resolveLogin: async () => null,
      concurrency,
      leaseTtlSeconds: 30,
      pollIntervalMs: 20,
      retry: { minDelayMs: 10, maxDelayMs: 20 },
      monotonic: () => performance.now() + monotonic.offsetMs,
    },
  });
  cores.push(core);
  return { core, clock, monotonic };
}

const deliveriesTo = (userId: string) => line.delivered().filter((m) => m.to === userId);
const events = (core: Core, id: number) =>
  core.db.prepare('SELECT event, actor FROM loc_transitions WHERE loc_request_id = ? ORDER BY id').all(id) as Array<{ event: string; actor: string }>;
const call = async <T>(core: Core, name: string, args: unknown) => (await core.api.call(name, args)) as { result?: T; error?: { kind: string; message: string; details?: unknown } };

async function finish(core: Core): Promise<void> {
  await core.robot?.whenIdle();
  await core.sync.now();
}

describe('the flow registry', () => {
  it('refuses two flows for one kind and a flow that does not end with its finish step', () => {
    expect(() => createFlowRegistry([createProbeFlow(), createProbeFlow()])).toThrow(/two robot flows/);
    expect(() => createFlowRegistry([{ ...createProbeFlow(), steps: ['acknowledge'] }])).toThrow(/finish/);
    expect(createFlowRegistry([createProbeFlow()]).kinds()).toEqual([PROBE_KIND]);
  });
});

describe("the request's identity", () => {
  it('works a request pulled before the cloud named it under the uid its lease gives, and refuses one of another cloud', async () => {
    const g = gates([]);
    const m = member();
    const [unnamed, foreign] = [request(m.id), request(m.id)];
    let refused!: () => void;
    const refusal = new Promise<void>((resolve) => (refused = resolve));
    const s = station('pc-uid#00000010', g.gate, 1, (line) => line.includes(`LOC ${foreign} はクラウドの申請と一致しない`) && refused());
    await s.core.sync.now();
    s.core.db.prepare('UPDATE loc_requests SET uid = NULL WHERE id = ?').run(unnamed);
    s.core.db.prepare('UPDATE loc_requests SET uid = ? WHERE id = ?').run(randomUUID(), foreign);
    s.core.robot?.start();
    await refusal;
    await s.core.robot?.stop();
    await s.core.sync.now();
    expect(cloud.store.locRequests.get(unnamed)?.status).toBe('done');
    const keys = deliveriesTo(m.lineUserId).map((d) => d.retryKey);
    expect(keys).toEqual([lineRetryKey(cloud.store.locRequests.get(unnamed)?.uid ?? '', 'probe-notice')]);
    const left = cloud.store.locRequests.get(foreign);
    expect(left).toMatchObject({ status: 'new', lease: null });
    // Finished elsewhere, so the stations of the tests that follow leave it alone.
    if (left) cloud.store.upsert('loc_request', { ...left, status: 'done', completedAt: left.updatedAt });
  });
});

describe('a request a robot process died working', () => {
  it('goes back to the queue when the core opens again, or to staff when they had asked the robot to stop, robot or not', async () => {
    const dir = tempDir('tanto-engine-recover-');
    dirs.push(dir);
    // Only in this replica, never in the cloud: the other tests' stations must not see them.
    const [memberId, died, stopped] = [990_001, 990_001, 990_002];
    const open = () => createCore({ dataDir: dir.dir, cloud: { baseUrl: cloud.url, token: cloud.token }, log: () => undefined });
    const first = open();
    first.db.prepare(`INSERT INTO members (id, line_user_id, display_name, updated_at) VALUES (?, ?, 'x', 't')`).run(memberId, lineUserIdFor('recover'));
    for (const id of [died, stopped]) {
      first.db.prepare(`INSERT INTO loc_requests (id, uid, member_id, kind, status, requested_at, updated_at) VALUES (?, ?, ?, 'cancel', 'new', 't', 't')`).run(id, randomUUID(), memberId);
      for (const event of ['queue', 'lease', 'start'] as const) transition(first.db, id, event, { actor: 'robot', at: 't' });
    }
    transition(first.db, stopped, 'stop_requested', { actor: 'staff', at: 't' });
    markStopRequested(first.db, stopped, 't', '田中');
    await first.close();
    const again = open();
    cores.push(again);
    const status = (id: number) => again.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id);
    expect([status(died), status(stopped)]).toEqual(['queued', 'needs_manual']);
    expect(events(again, died).at(-1)).toEqual({ event: 'recover', actor: 'robot' });
    expect(events(again, stopped).at(-1)).toEqual({ event: 'stop', actor: 'robot' });
    expect(heldBy(again.db, died, null, new Date())).toBeNull();
  });
});

describe('deciding not to work a request', () => {
  it('asks the flow only while no robot has begun the request, and hands it to staff with the reason', async () => {
    const g = gates([]);
    const m = member();
    const [fresh, begun] = [request(m.id), request(m.id)];
    // Another workstation began this one (and may have ordered): the cloud says it is running.
    const other = cloud.store.locRequests.get(begun);
    if (other) cloud.store.upsert('loc_request', { ...other, status: 'running' });
    const s = station('pc-skip#00000011', g.gate, 1, () => undefined, () => ({ text: '重複: テストの理由', reason: { key: 'repeatTapOpen', params: ['化粧水', begun] } }));
    await s.core.sync.now();
    s.core.robot?.start();
    await finish(s.core);
    expect(cloud.store.locRequests.get(fresh)).toMatchObject({
      status: 'needs_manual',
      robotResult: { message: '重複: テストの理由', reason: { key: 'repeatTapOpen', params: ['化粧水', begun] } },
    });
    expect(events(s.core, fresh).at(-1)).toEqual({ event: 'repeat', actor: 'robot' });
    expect(cloud.store.locRequests.get(begun)?.status).toBe('done');
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
  });
});

describe('one member at a time', () => {
  it('works two members at once but one member\'s requests one after the other, on one workstation and on two', async () => {
    const g = gates(['acknowledge']);
    const a = member();
    const b = member();
    const [a1, a2, b1, a3] = [request(a.id), request(a.id), request(b.id), request(a.id)];
    const first = station('pc-one#00000001', g.gate);
    const second = station('pc-two#00000002', g.gate);
    await Promise.all([first.core.sync.now(), second.core.sync.now()]);
    first.core.robot?.start();
    second.core.robot?.start();
    await g.reached(2);
    // Four workers, four requests: only one of member a's is being worked, and b's beside it.
    const working = g.entered.map((e) => e.requestId).sort();
    expect(working).toHaveLength(2);
    expect(working).toContain(b1);
    expect(working.filter((id) => [a1, a2, a3].includes(id))).toHaveLength(1);
    g.open();
    await Promise.all([finish(first.core), finish(second.core)]);
    await Promise.all([finish(first.core), finish(second.core)]);

    const spans = [a1, a2, a3].map((id) => {
      const enter = g.entered.find((e) => e.requestId === id)?.at ?? NaN;
      const leave = g.left.find((e) => e.requestId === id)?.at ?? NaN;
      return [enter, leave] as const;
    });
    spans.sort((x, y) => x[0] - y[0]);
    for (let n = 1; n < spans.length; n += 1) expect(spans[n]![0]).toBeGreaterThanOrEqual(spans[n - 1]![1]);
    for (const id of [a1, a2, a3, b1]) expect(cloud.store.locRequests.get(id)?.status).toBe('done');
    expect(deliveriesTo(a.lineUserId)).toHaveLength(3);
  });
});

describe('staff and the robot never both act', () => {
  it('refuses to finish a request the robot holds, and stops the robot before its point of no return when asked', async () => {
    const g = gates(['acknowledge']);
    const m = member();
    const id = request(m.id);
    const { core } = station('pc-stop#00000003', g.gate);
    await core.sync.now();
    core.robot?.start();
    await g.reached(1);

    const refused = await call(core, 'loc.complete', { ids: [id], completionStatus: '対応完了', staff: '田中' });
    expect(refused.error).toMatchObject({ kind: 'conflict', details: { held: [{ id, holder: 'pc-stop#00000003', here: true }] } });
    expect(refused.error?.message).toMatch(/ロボット.*処理中/);
    expect((await call(core, 'loc.get', { id })).result).toMatchObject({ robotHold: { here: true, canStop: true, stopRequested: false } });
    expect(await call(core, 'loc.stopRobot', { id, staff: '田中' })).toEqual({ result: { id, stop: 'requested' } });
    expect((await call(core, 'loc.get', { id })).result).toMatchObject({ robotHold: { stopRequested: true, canStop: false } });

    g.open();
    await finish(core);
    expect(deliveriesTo(m.lineUserId)).toHaveLength(0);
    expect(events(core, id)).toEqual(expect.arrayContaining([{ event: 'stop_requested', actor: 'staff' }, { event: 'stop', actor: 'robot' }]));
    expect(cloud.store.locRequests.get(id)).toMatchObject({ status: 'needs_manual', lease: null });

    // Now nobody holds it: staff finish it, and the cloud takes their change.
    expect((await call(core, 'loc.complete', { ids: [id], completionStatus: '対応完了', staff: '田中' })).result).toMatchObject({ ids: [id] });
    await core.sync.now();
    expect(cloud.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: '対応完了' });
  });

  it('refuses a stop once the robot has begun what reaches the customer, and finishes it', async () => {
    const g = gates(['notify']);
    const m = member();
    const id = request(m.id);
    const { core } = station('pc-late#00000004', g.gate);
    await core.sync.now();
    core.robot?.start();
    await g.reached(2);
    expect(g.entered.at(-1)).toMatchObject({ step: 'notify', requestId: id });
    expect((await call(core, 'loc.get', { id })).result).toMatchObject({ robotHold: { here: true, canStop: false } });
    const stop = await call(core, 'loc.stopRobot', { id });
    expect(stop.error).toMatchObject({ kind: 'conflict', details: { reason: 'past_point_of_no_return' } });
    expect((await call(core, 'loc.reopen', { id, reason: 'x' })).error).toMatchObject({ kind: 'conflict' });
    g.open();
    await finish(core);
    expect(cloud.store.locRequests.get(id)?.status).toBe('done');
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
  });

  it('refuses staff on a request another workstation holds, naming it, from the lease the cloud reported', async () => {
    const g = gates(['acknowledge']);
    const m = member();
    const id = request(m.id);
    const robot = station('pc-robot#00000005', g.gate);
    const staff = station('pc-staff#00000006', g.gate);
    await robot.core.sync.now();
    robot.core.robot?.start();
    await g.reached(1);
    await staff.core.sync.now();
    const refused = await call(staff.core, 'loc.complete', { ids: [id], completionStatus: '受付断念' });
    expect(refused.error).toMatchObject({ kind: 'conflict', details: { held: [{ id, holder: 'pc-robot#00000005', here: false }] } });
    expect((await call(staff.core, 'loc.stopRobot', { id })).error).toMatchObject({ details: { reason: 'elsewhere' } });
    g.open();
    await finish(robot.core);
    expect(cloud.store.locRequests.get(id)?.status).toBe('done');
  });
});

describe('a lease trusted only to its local deadline', () => {
  it.each([
    { what: 'the cloud could not renew it for longer than its lifetime', clock: 'monotonic' as const },
    { what: 'the PC slept past it (the wall clock jumped)', clock: 'wall' as const },
  ])('stops before the next step when $what, and the request is worked again', async ({ clock }) => {
    const g = gates(['acknowledge']);
    const m = member();
    const id = request(m.id);
    const s = station(`pc-sleep-${clock}#00000007`, g.gate, 1);
    await s.core.sync.now();
    s.core.robot?.start();
    await g.reached(1);
    (clock === 'monotonic' ? s.monotonic : s.clock).offsetMs += 31_000;
    g.open();
    await finish(s.core);
    const runs = s.core.db.prepare('SELECT outcome, error_message AS message FROM robot_runs WHERE loc_request_id = ? ORDER BY id').all(id) as Array<{ outcome: string; message: string | null }>;
    expect(runs[0]).toMatchObject({ outcome: 'failed_retryable', message: expect.stringMatching(/期限/) });
    expect(runs.at(-1)).toMatchObject({ outcome: 'done' });
    // The step after the deadline never ran in the first run: one message in all.
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
    expect(events(s.core, id).map((e) => e.event)).toContain('release');
  });
});

describe('a reopened request is a new attempt', () => {
  it('runs again, ends done in the cloud, and does not message the customer a second time', async () => {
    const g = gates([]);
    const m = member();
    const id = request(m.id);
    const { core } = station('pc-reopen#00000008', g.gate);
    await core.sync.now();
    core.robot?.start();
    await finish(core);
    expect(cloud.store.locRequests.get(id)?.status).toBe('done');

    expect((await call(core, 'loc.reopen', { id, reason: 'タグを付け直す' })).result).toMatchObject({ id });
    expect((await call(core, 'loc.retry', { id })).result).toMatchObject({ id, status: 'queued' });
    // The robot works it once the cloud knows it is open again: until then the cloud still says done.
    await core.sync.now();
    core.robot?.wake();
    await finish(core);
    await core.sync.now();
    expect(cloud.store.locRequests.get(id)?.status).toBe('done');
    const runs = core.db.prepare('SELECT generation, outcome FROM robot_runs WHERE loc_request_id = ? ORDER BY id').all(id);
    expect(runs).toEqual([
      { generation: 1, outcome: 'done' },
      { generation: 2, outcome: 'done' },
    ]);
    const notify = core.db.prepare(`SELECT s.detail FROM run_steps s JOIN robot_runs r ON r.id = s.run_id WHERE r.loc_request_id = ? AND s.step = 'notify' ORDER BY s.id`).pluck().all(id);
    expect(notify.map((d) => JSON.parse(d as string))).toEqual([
      { sent: true, status: 'delivered' },
      { sent: false, why: 'sent_in_earlier_attempt' },
    ]);
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
    const results = cloud.store.mutations.filter((x) => x.kind === 'robot.runResult');
    expect(results.filter((x) => x.status === 'duplicate')).toEqual([]);
  });
});

describe("LINE's 24-hour window", () => {
  it.each([
    { later: 1, outcome: 'done', why: 'within the window, the same retry key makes LINE answer it was delivered' },
    { later: 25, outcome: 'needs_manual', why: 'past it, a person is asked instead of sending again' },
  ])('a send whose answer was lost, resumed $later hours later: $why', async ({ later, outcome }) => {
    const g = gates([]);
    const m = member();
    const id = request(m.id);
    const s = station(`pc-window-${later}#00000009`, g.gate, 1);
    await s.core.sync.now();
    line.setFaults({ dropResponsesAfterDelivery: 1 });
    s.core.robot?.start();
    await new Promise<void>((resolve) => {
      const off = s.core.events.on('loc.changed', () => {
        const status = s.core.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id);
        if (status === 'failed_retryable') {
          off();
          void s.core.robot?.stop().then(resolve);
        }
      });
    });
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
    s.clock.offsetMs += later * 3_600_000;
    line.advanceClock(later * 3_600);
    s.core.robot?.start();
    await finish(s.core);
    expect(s.core.db.prepare('SELECT status FROM loc_work WHERE loc_request_id = ?').pluck().get(id)).toBe(outcome);
    expect(deliveriesTo(m.lineUserId)).toHaveLength(1);
    if (outcome === 'needs_manual') {
      expect(s.core.db.prepare('SELECT reason FROM loc_work WHERE loc_request_id = ?').pluck().get(id)).toMatch(/送信済みの可能性があります/);
    }
    const keys = line.requests().filter((r) => r.path === '/v2/bot/message/push' && (r.body as { to?: string } | null)?.to === m.lineUserId);
    const uid = cloud.store.locRequests.get(id)?.uid ?? '';
    expect(new Set(keys.map((r) => r.headers['x-line-retry-key']))).toEqual(new Set([lineRetryKey(uid, 'probe-notice')]));
  });
});
