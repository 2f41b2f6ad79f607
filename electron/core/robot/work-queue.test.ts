import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCrosssellConfig, insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { Db } from '../db/open';
import { robotOperationId } from './op-ids';
import { recordFailure, recordStart, recordSuccess } from './outcomes';
import { eligibleRequests, queueCounts, transition, workOf } from './work-queue';

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

const fail = (requestId: number, kind: 'business' | 'application', nextAttemptAt: string | null) => {
  const runId = recordStart(db, requestId, at(10), 'pc');
  return recordFailure(db, { requestId, runId, at: at(11), holder: 'pc', kind, message: '失敗', nextAttemptAt });
};

describe('the robot queue', () => {
  it('offers open cross-sells oldest first, never done ones, other kinds or ones waiting for a person', () => {
    expect(eligibleRequests(db, at(30), 10)).toEqual([2, 6, 1]);
  });

  it('holds a failed request back until its retry time, and a business failure for good', () => {
    expect(fail(2, 'application', at(40))).toBe('failed_retryable');
    expect(eligibleRequests(db, at(30), 10)).toEqual([6, 1]);
    expect(eligibleRequests(db, at(40), 10)).toEqual([2, 6, 1]);
    expect(fail(1, 'business', null)).toBe('needs_manual');
    expect(eligibleRequests(db, at(50), 10)).toEqual([2, 6]);
    expect(queueCounts(db)).toMatchObject({ waiting: 0, retrying: 2, needsManual: 2, done: 1 });
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
    expect(eligibleRequests(db, at(30), 10)).toContain(5);
  });

  it('records a success with its tag, result and usage operations once, under ids derived from the request', () => {
    const runId = recordStart(db, 1, at(10), 'pc');
    const success = { requestId: 1, runId, memberId: 1, at: at(12), holder: 'pc', tagsAdd: [7], tagsRemove: [8], tagSourceDetail: 'x', summary: 'ok', period: '2026-11' };
    recordSuccess(db, success);
    // A second finish is refused by the state machine and leaves nothing behind.
    expect(() => recordSuccess(db, success)).toThrow();
    const ops = db.prepare('SELECT op_id AS opId, kind FROM outbox ORDER BY seq').all();
    expect(ops).toEqual([
      { opId: expect.any(String), kind: 'loc.setStatus' },
      { opId: robotOperationId(1, 'tag-add:7'), kind: 'memberTag.add' },
      { opId: robotOperationId(1, 'tag-remove:8'), kind: 'memberTag.remove' },
      { opId: robotOperationId(1, 'result:done'), kind: 'robot.runResult' },
      { opId: robotOperationId(1, 'usage'), kind: 'usage.increment' },
    ]);
    expect(workOf(db, 1)?.status).toBe('done');
    expect(eligibleRequests(db, at(30), 10)).not.toContain(1);
  });
});
