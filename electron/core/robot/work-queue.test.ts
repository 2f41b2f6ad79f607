import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCrosssellConfig, insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { Db } from '../db/open';
import { transition, workOf } from '../loc/transitions';
import { attemptPurpose, robotOperationId, runPurpose } from './op-ids';
import { ONCE_PER_REQUEST, recordFailure, recordStart, recordSuccess, type RunRef } from './outcomes';
import { eligibleRequests, queueCounts } from './work-queue';

let db: Db;
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 3, minute)).toISOString();

beforeEach(() => {
  db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  insertMember(db, { id: 1, displayName: 'a' });
  insertCrosssellConfig(db, { id: 1, name: 'c', productName: 'p', productCode: 'P-1' });
  const requests: Array<[number, string, string, string]> = [
    [1, 'crosssell', 'new', at(3)],
    [2, 'crosssell', 'queued', at(1)],
    [3, 'crosssell', 'done', at(0)],
    [4, 'cancel', 'new', at(0)],
    [5, 'crosssell', 'needs_manual', at(0)],
    [6, 'crosssell', 'failed_retryable', at(2)],
  ];
  for (const [id, kind, status, requestedAt] of requests) {
    insertLocRequest(db, { id, memberId: 1, kind, status, requestedAt, ...(kind === 'crosssell' ? { crosssellConfigId: 1 } : {}) });
  }
});
afterEach(() => db.close());

const uidOf = (id: number) => db.prepare('SELECT uid FROM loc_requests WHERE id = ?').pluck().get(id) as string;
const KINDS = ['crosssell'];
const ids = (limit = 10, now = at(30)) => eligibleRequests(db, now, KINDS, limit).map((r) => r.id);

function start(requestId: number): RunRef {
  const started = recordStart(db, { id: requestId, uid: uidOf(requestId), kind: 'crosssell', memberId: 1, requestedAt: at(0) }, 'pc', 'lease-1', at(10));
  if (!started) throw new Error('not started');
  return { ...started, holder: 'pc', leaseId: 'lease-1', workstationName: 'pc' };
}

const fail = (requestId: number, kind: 'business' | 'application', nextAttemptAt: string | null) =>
  recordFailure(db, start(requestId), { at: at(11), kind, message: '失敗', nextAttemptAt });

describe('the robot queue', () => {
  it('offers open cross-sells oldest first, never done ones, other kinds or ones waiting for a person', () => {
    expect(ids()).toEqual([2, 6, 1]);
    expect(eligibleRequests(db, at(30), KINDS, 1)).toEqual([{ id: 2, memberId: 1, kind: 'crosssell' }]);
    // A robot with a flow for cancellations too is offered them as well; one with no flows nothing.
    expect(eligibleRequests(db, at(30), ['crosssell', 'cancel'], 10).map((r) => r.id)).toEqual([4, 2, 6, 1]);
    expect(eligibleRequests(db, at(30), [], 10)).toEqual([]);
  });

  it('holds a failed request back until its retry time, and a business failure for good', () => {
    expect(fail(2, 'application', at(40))).toBe('failed_retryable');
    expect(ids()).toEqual([6, 1]);
    expect(ids(10, at(40))).toEqual([2, 6, 1]);
    expect(fail(1, 'business', null)).toBe('needs_manual');
    expect(ids(10, at(50))).toEqual([2, 6]);
    expect(queueCounts(db, KINDS)).toMatchObject({ waiting: 0, retrying: 2, needsManual: 2, done: 1 });
  });

  it('turns an application failure without a next attempt into needs_manual and counts attempts', () => {
    fail(6, 'application', at(20));
    expect(workOf(db, 6)).toMatchObject({ status: 'failed_retryable', attempts: 1 });
    expect(fail(6, 'application', null)).toBe('needs_manual');
    expect(workOf(db, 6)).toMatchObject({ status: 'needs_manual', attempts: 2, reason: '失敗' });
    const events = db.prepare('SELECT event FROM loc_transitions WHERE loc_request_id = 6 ORDER BY id').pluck().all();
    expect(events).toEqual(['requeue', 'lease', 'start', 'fail_application', 'requeue', 'lease', 'start', 'fail_application', 'give_up']);
    const results = db.prepare(`SELECT payload FROM outbox WHERE kind = 'robot.runResult' ORDER BY seq`).pluck().all() as string[];
    expect(results.map((p) => (JSON.parse(p) as { outcome: string }).outcome)).toEqual(['failed_retryable', 'needs_manual']);
  });

  it('offers a request staff sent back even while the cloud still says needs_manual', () => {
    transition(db, 5, 'retry_by_staff', { actor: 'staff', at: at(5) });
    expect(ids()).toContain(5);
  });

  it('offers a request the cloud says another workstation is working, for the lease to decide, and counts it as waiting', () => {
    insertLocRequest(db, { id: 7, memberId: 1, kind: 'crosssell', status: 'running', requestedAt: at(4), crosssellConfigId: 1 });
    expect(ids()).toEqual([2, 6, 1, 7]);
    expect(queueCounts(db, KINDS)).toMatchObject({ waiting: 3, working: 0 });
  });

  it('records a success with its result once per attempt and its usage once per request, under ids derived from the uid', () => {
    const ref = start(1);
    const finish = () => {
      recordSuccess(db, ref, at(12), (enqueue) => {
        enqueue('tag-add:7', { kind: 'memberTag.add', payload: { memberId: 1, tagId: 7, source: 'robot' } });
        enqueue(`${ONCE_PER_REQUEST}usage`, { kind: 'usage.increment', payload: { period: '2026-11', count: 1 } });
        return { summary: 'ok' };
      });
    };
    finish();
    // A second finish is refused by the state machine and leaves nothing behind.
    expect(finish).toThrow();
    const ops = db.prepare('SELECT op_id AS opId, kind, payload FROM outbox ORDER BY seq').all() as Array<{ opId: string; kind: string; payload: string }>;
    const uid = uidOf(1);
    expect(ops.map(({ opId, kind }) => ({ opId, kind }))).toEqual([
      { opId: robotOperationId(uid, runPurpose(ref.run.runUid, 'running')), kind: 'loc.setStatus' },
      { opId: robotOperationId(uid, attemptPurpose(1, 'tag-add:7')), kind: 'memberTag.add' },
      { opId: robotOperationId(uid, 'request:usage'), kind: 'usage.increment' },
      { opId: robotOperationId(uid, attemptPurpose(1, 'result:done')), kind: 'robot.runResult' },
    ]);
    // The status and the result carry the lease: the cloud takes them from its holder only.
    expect(ops.filter((o) => o.kind !== 'memberTag.add' && o.kind !== 'usage.increment').map((o) => (JSON.parse(o.payload) as { leaseId: string }).leaseId)).toEqual([
      'lease-1',
      'lease-1',
    ]);
    expect(workOf(db, 1)?.status).toBe('done');
    expect(ids()).not.toContain(1);
  });

  it('gives each run its own status operation, so another workstation\'s run is never mistaken for a replay', () => {
    const first = start(2);
    recordFailure(db, first, { at: at(11), kind: 'application', message: '失敗', nextAttemptAt: at(12) });
    const second = start(2);
    expect(second.run.runUid).not.toBe(first.run.runUid);
    const statusOps = db.prepare(`SELECT op_id FROM outbox WHERE kind = 'loc.setStatus'`).pluck().all();
    expect(new Set(statusOps).size).toBe(2);
  });

  it('starts a reopened request as a new attempt whose operations differ from the first attempt\'s', () => {
    const first = start(1);
    recordSuccess(db, first, at(12), () => ({ summary: 'ok' }));
    transition(db, 1, 'reopen_by_staff', { actor: 'staff', at: at(13), reason: 'やり直し' });
    transition(db, 1, 'retry_by_staff', { actor: 'staff', at: at(14) });
    const second = start(1);
    expect(second.request.generation).toBe(2);
    recordSuccess(db, second, at(15), () => ({ summary: 'ok' }));
    const results = db.prepare(`SELECT op_id FROM outbox WHERE kind = 'robot.runResult'`).pluck().all();
    expect(results).toEqual([robotOperationId(uidOf(1), attemptPurpose(1, 'result:done')), robotOperationId(uidOf(1), attemptPurpose(2, 'result:done'))]);
  });

  it('does not start a request staff finished while its lease was being asked for', () => {
    transition(db, 2, 'complete_by_staff', { actor: 'staff', at: at(9) });
    expect(recordStart(db, { id: 2, uid: uidOf(2), kind: 'crosssell', memberId: 1, requestedAt: at(1) }, 'pc', 'lease-1', at(10))).toBeNull();
    expect(db.prepare('SELECT count(*) FROM robot_runs').pluck().get()).toBe(0);
  });
});
