import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { createCore, type Core } from '../app';
import type { CallOutcome } from '../api/registry';
import { enqueueOperation, pendingCount } from '../sync/outbox';
import type { ShopUsage } from './shop-usage';

/**
 * Two workstations of one shop against one cloud sandbox: each sends its robot's successes as
 * usage increments, and each usage screen counts both, for the calendar month and for a period
 * from the payment day. A replayed increment is counted once; with the cloud out of reach a
 * workstation counts its own runs and says so.
 */

/** 2026-12-20 12:00 in Japan. */
let now = new Date('2026-12-20T03:00:00Z');
const clock = { now: () => now };

let cloud: CloudSandbox;
let dir: string;
let a: Core;
let b: Core;

const usageOf = async (core: Core, name = 'usage.get', args: unknown = {}): Promise<ShopUsage> => {
  const outcome: CallOutcome = await core.api.call(name, args);
  if (!('result' in outcome)) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result as ShopUsage;
};

/** A success on a Japan day, queued the way the robot's finishing transaction queues it. */
const success = (core: Core, day: string, opId = uuidv4()) => {
  enqueueOperation(core.db, { kind: 'usage.increment', payload: { period: day.slice(0, 7), day, count: 1 }, opId });
  return opId;
};

/** This workstation's own record of a run done (what the offline count reads). */
let requestId = 100;
const localRun = (core: Core, finishedAt: string) => {
  requestId += 1;
  const memberId = core.db.prepare('SELECT min(id) FROM members').pluck().get() as number;
  core.db
    .prepare(`INSERT INTO loc_requests (id, member_id, kind, status, requested_at, updated_at) VALUES (?, ?, 'crosssell', 'done', ?, ?)`)
    .run(requestId, memberId, finishedAt, finishedAt);
  core.db.prepare(`INSERT INTO robot_runs (loc_request_id, attempt, started_at, finished_at, outcome) VALUES (?, 1, ?, ?, 'done')`).run(requestId, finishedAt, finishedAt);
};

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 5 });
  dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-shop-usage-'));
  const open = (name: string) => createCore({ dataDir: path.join(dir, name), cloud: { baseUrl: cloud.url, token: cloud.token }, clock, log: () => undefined });
  a = open('pc-a');
  b = open('pc-b');
  await Promise.all([a.sync.now(), b.sync.now()]);
  // PC A: two successes this month, one on the 16th; PC B: three, one on the 1st, and one in November.
  success(a, '2026-12-03');
  success(a, '2026-12-16');
  success(b, '2026-12-01');
  success(b, '2026-12-15');
  success(b, '2026-12-20');
  success(b, '2026-11-30');
  localRun(a, '2026-12-03T01:00:00.000Z');
  localRun(a, '2026-12-16T01:00:00.000Z');
  await Promise.all([a.sync.now(), b.sync.now()]);
  expect(pendingCount(a.db) + pendingCount(b.db)).toBe(0);
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  await cloud?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the shop's usage, counted by the cloud", () => {
  it("adds up both workstations' successes for the calendar month, on both", async () => {
    for (const core of [a, b]) {
      expect(await usageOf(core)).toMatchObject({ scope: 'shop', period: { from: '2026-12-01', to: '2026-12-31' }, successes: 5, amountYen: 250 });
    }
  });

  it("counts from the payment day when the plan bills by it, whichever workstation set it", async () => {
    // The 15th to 2027-01-14: A's 16th, B's 15th and 20th.
    expect(await usageOf(a, 'usage.setPlan', { plan: { kind: 'plan_day', day: 15 } })).toMatchObject({
      scope: 'shop',
      period: { from: '2026-12-15', to: '2027-01-14' },
      successes: 3,
      amountYen: 150,
    });
    // B still bills by the month: the plan is each workstation's setting.
    expect(await usageOf(b)).toMatchObject({ successes: 5 });
    now = new Date('2026-12-14T03:00:00Z');
    // 11-15 to 12-14: B's 11-30 and 12-01, A's 12-03.
    expect(await usageOf(a)).toMatchObject({ period: { from: '2026-11-15', to: '2026-12-14' }, successes: 3 });
    now = new Date('2026-12-20T03:00:00Z');
  });

  it('counts a replayed increment once', async () => {
    const opId = success(a, '2026-12-18');
    await a.sync.now();
    expect((await usageOf(a)).successes).toBe(4);
    // The same operation again, as after a crash between sending it and recording the answer.
    success(a, '2026-12-18', opId);
    await a.sync.now();
    expect(pendingCount(a.db)).toBe(0);
    expect(cloud.store.usageByDay.get('2026-12-18')).toBe(1);
    expect((await usageOf(a)).successes).toBe(4);
    expect((await usageOf(b)).successes).toBe(6);
  });

  it('counts a success not yet sent on its own workstation at once, and on the other once it is sent, never twice', async () => {
    success(b, '2026-12-19');
    expect(pendingCount(b.db)).toBe(1);
    expect((await usageOf(b)).successes).toBe(7);
    expect((await usageOf(a)).successes).toBe(4);
    await b.sync.now();
    expect(pendingCount(b.db)).toBe(0);
    expect((await usageOf(b)).successes).toBe(7);
    expect((await usageOf(a)).successes).toBe(5);
  });

  it("shows this workstation's own runs, saying so, while the cloud is out of reach", async () => {
    cloud.faults.set({ outage: true });
    try {
      // A's runs in the replica: 12-16 in its period from the 15th (12-03 is before it).
      expect(await usageOf(a)).toMatchObject({ scope: 'workstation', period: { from: '2026-12-15' }, successes: 1, amountYen: 50 });
      expect(await usageOf(b)).toMatchObject({ scope: 'workstation', successes: 0 });
    } finally {
      cloud.faults.reset();
    }
    expect(await usageOf(a)).toMatchObject({ scope: 'shop', successes: 5 });
  });

  it('does not keep the screen waiting on a cloud that hangs', async () => {
    cloud.faults.set({ latencyMs: { min: 60_000, max: 60_000 } });
    try {
      const started = Date.now();
      expect(await usageOf(a)).toMatchObject({ scope: 'workstation', successes: 1 });
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      cloud.faults.reset();
    }
  }, 30_000);
});
