import { describe, expect, it } from 'vitest';
import { memoryAt } from '../../../test/fixtures/migrated';
import { latestVersion } from '../db/migrate';
import { migrations } from '../db/migrations';
import { insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { completeByStaff } from './staff-completion';
import { reopenByStaff } from './staff-reopen';
import { transition, workOf } from './transitions';

function replicaWithRequest() {
  const db = memoryAt(latestVersion(migrations));
  insertMember(db, { id: 1, displayName: 'a' });
  insertLocRequest(db, { id: 7, memberId: 1, kind: 'crosssell', status: 'new', requestedAt: '2026-12-04T00:00:00Z' });
  return db;
}

const journalReasons = (db: ReturnType<typeof memoryAt>) =>
  db.prepare('SELECT event, reason, reason_key AS key, reason_params AS params FROM loc_transitions ORDER BY id').all() as Array<{
    event: string;
    reason: string | null;
    key: string | null;
    params: string | null;
  }>;

describe('reasons kept as data', () => {
  it("keeps the robot's named reason beside its text, and one current reason once staff give another", () => {
    const db = replicaWithRequest();
    const robot = { actor: 'robot' as const, actorDetail: 'pc-a#1a2b3c4d', at: '2026-12-04T00:01:00Z' };
    for (const event of ['queue', 'lease', 'start'] as const) transition(db, 7, event, robot);
    transition(db, 7, 'fail_business', { ...robot, reason: '商品コード X が商品マスタにありません', reasonData: { key: 'productNotFound', params: ['X'] } });
    expect(workOf(db, 7)).toMatchObject({ status: 'needs_manual', reason: '商品コード X が商品マスタにありません', reasonData: { key: 'productNotFound', params: ['X'] } });

    completeByStaff(db, [7], { completionStatus: '受付断念', note: '在庫なし', staff: '山田', at: '2026-12-04T00:02:00Z' });
    expect(workOf(db, 7)).toMatchObject({ status: 'done', reasonData: { key: 'completedByStaffWithNote', params: ['受付断念', '在庫なし'] } });

    // Staff's own words have no name: the robot's old reason must not stay beside them as data.
    reopenByStaff(db, 7, { reason: 'お客様から再度の連絡', staff: '佐藤', at: '2026-12-04T00:03:00Z' });
    expect(workOf(db, 7)).toMatchObject({ status: 'needs_manual', reason: 'お客様から再度の連絡', reasonData: null });

    expect(journalReasons(db).slice(3)).toEqual([
      { event: 'fail_business', reason: '商品コード X が商品マスタにありません', key: 'productNotFound', params: '["X"]' },
      { event: 'complete_by_staff', reason: '受付断念: 在庫なし', key: 'completedByStaffWithNote', params: '["受付断念","在庫なし"]' },
      { event: 'reopen_by_staff', reason: 'お客様から再度の連絡', key: null, params: null },
    ]);
  });

  it('a change without a reason of its own keeps the waiting reason, text and data together', () => {
    const db = replicaWithRequest();
    const robot = { actor: 'robot' as const, actorDetail: 'pc-a#1a2b3c4d', at: '2026-12-04T00:01:00Z' };
    for (const event of ['queue', 'lease', 'start'] as const) transition(db, 7, event, robot);
    transition(db, 7, 'fail_application', { ...robot, reason: 'タイムアウト', reasonData: { key: 'timeout', params: ['受注作成'] }, countAttempt: true, nextAttemptAt: '2026-12-04T00:05:00Z' });
    transition(db, 7, 'give_up', robot);
    expect(workOf(db, 7)).toMatchObject({ status: 'needs_manual', reason: 'タイムアウト', reasonData: { key: 'timeout', params: ['受注作成'] } });
  });
});
