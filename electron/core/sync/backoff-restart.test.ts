import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCloudClient } from './cloud-client';
import { createSyncEngine, type SetTimer } from './engine';
import { readSyncState } from './sync-state';
import { startScriptedCloud, tempDir, type ScriptedCloud, type TempDir } from './sync-test-support';

let cloud: ScriptedCloud;
let dir: TempDir;

beforeAll(async () => {
  cloud = await startScriptedCloud({
    feed: [{ seq: 1, entity: 'member', op: 'upsert', data: { id: 1, lineUserId: 'U1', displayName: '会員1', updatedAt: '2025-06-01T00:00:00.000Z' } }],
  });
  dir = tempDir();
});
afterAll(async () => {
  await cloud.close();
  dir.remove();
});

/** A clock the test moves, and a timer the test fires: the schedule runs only when told. */
function world(startAt: string) {
  let now = Date.parse(startAt);
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  const setTimer: SetTimer = (run, ms) => {
    const timer = { run, ms, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  /** Fires the one timer waiting and lets the cycle it starts (if any) finish. */
  const fire = async () => {
    const waiting = timers.filter((t) => !t.cancelled);
    expect(waiting).toHaveLength(1);
    const timer = waiting[0]!;
    timer.cancelled = true;
    const before = timers.length;
    timer.run();
    while (timers.length === before) await new Promise((resolve) => setImmediate(resolve));
    return timers.at(-1)!.ms;
  };
  return {
    clock: { now: () => new Date(now) },
    advance: (ms: number) => {
      now += ms;
    },
    setTimer,
    fire,
    nextDelay: () => timers.filter((t) => !t.cancelled).at(-1)?.ms,
  };
}

const retry = { retries: 0, minDelayMs: 1000, maxDelayMs: 60_000, random: () => 1, sleep: async () => {} };

it('keeps backing off after a restart until the persisted time, lets staff try at once, and clears it on success', async () => {
  const file = 'backoff.sqlite';
  const client = createCloudClient({ baseUrl: cloud.url, token: cloud.token });
  cloud.failWith = 503;

  let db = dir.open(file);
  const a = world('2025-06-01T00:00:00.000Z');
  const first = createSyncEngine({ db, client, clock: a.clock, setTimer: a.setTimer, retry, intervalMs: 60_000 });
  first.start();
  expect(a.nextDelay()).toBe(0);
  expect(await a.fire()).toBe(1000);
  expect(cloud.requests.changes).toBe(1);
  // Fired early (the clock has not moved): nothing is sent, it waits the rest.
  expect(await a.fire()).toBe(1000);
  expect(cloud.requests.changes).toBe(1);
  a.advance(1000);
  expect(await a.fire()).toBe(2000);
  expect(cloud.requests.changes).toBe(2);
  expect(readSyncState(db, 'failures')).toBe('2');
  expect(readSyncState(db, 'next_attempt_at')).toBe('2025-06-01T00:00:03.000Z');
  await first.stop();
  db.close();

  // Restarted half a second later, the workstation waits out the 1.5 s left.
  db = dir.open(file);
  const b = world('2025-06-01T00:00:01.500Z');
  const second = createSyncEngine({ db, client, clock: b.clock, setTimer: b.setTimer, retry, intervalMs: 60_000 });
  second.start();
  expect(b.nextDelay()).toBe(1500);
  expect(await b.fire()).toBe(1500);
  expect(cloud.requests.changes).toBe(2);

  // Staff pressing 同期 try at once; the failure counts, and the next attempt moves to 4 s after it.
  await expect(second.now()).rejects.toThrow(/HTTP 503/);
  expect(cloud.requests.changes).toBe(3);
  expect(readSyncState(db, 'failures')).toBe('3');
  expect(readSyncState(db, 'next_attempt_at')).toBe('2025-06-01T00:00:05.500Z');
  expect(await b.fire()).toBe(4000);
  expect(cloud.requests.changes).toBe(3);

  cloud.failWith = null;
  b.advance(4000);
  expect(await b.fire()).toBe(60_000);
  expect(cloud.requests.changes).toBe(4);
  expect(second.status()).toMatchObject({ cursor: 1, lastError: null });
  expect(readSyncState(db, 'failures')).toBeNull();
  expect(readSyncState(db, 'next_attempt_at')).toBeNull();
  await second.stop();

  // And a restart after the success starts at once.
  const c = world('2025-06-01T00:00:06.000Z');
  const third = createSyncEngine({ db, client, clock: c.clock, setTimer: c.setTimer, retry, intervalMs: 60_000 });
  third.start();
  expect(c.nextDelay()).toBe(0);
  await third.stop();
});
