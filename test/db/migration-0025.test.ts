import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { getLocRequest, listLocRequests } from '../../electron/core/db/queries/loc';
import { getMember } from '../../electron/core/db/queries/members';
import { enqueueOperation } from '../../electron/core/sync/outbox';
import { bulkTagMembers } from '../../electron/core/tags/storage/member-bulk-tag';
import { shopUsage } from '../../electron/core/usage/shop-usage';
import { memoryAt } from '../fixtures/migrated';
import { insertLocRequest, insertMember, insertTag } from '../fixtures/replica';

/** Every statement a piece of work prepares that reads the outbox, with SQLite's plan for it. */
function outboxPlans(db: Database.Database, work: () => unknown): Promise<Array<{ sql: string; plan: string[] }>> {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    if (/\bFROM outbox\b/i.test(sql)) seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  return Promise.resolve(work()).then(() => {
    db.prepare = prepare as typeof db.prepare;
    return seen.map((sql) => {
      const args = Array.from(sql.matchAll(/\?/g), () => null);
      const named = Object.fromEntries(Array.from(sql.matchAll(/[@:$](\w+)/g), (m) => [m[1], null]));
      const explain = prepare(`EXPLAIN QUERY PLAN ${sql}`);
      const rows = (Object.keys(named).length > 0 ? explain.all(named) : explain.all(...args)) as Array<{ detail: string }>;
      return { sql, plan: rows.map((r) => r.detail).filter((d) => /\boutbox\b|\bo\b/.test(d)) };
    });
  });
}

function replicaWithBusyOutbox() {
  const db = memoryAt(25);
  insertTag(db, 1, 'VIP');
  for (let id = 1; id <= 3; id++) insertMember(db, { id, displayName: `会員${id}` });
  insertLocRequest(db, { id: 10, memberId: 1, kind: 'crosssell', status: 'needs_manual', requestedAt: '2026-12-01T00:00:00.000Z' });
  // A night offline after a rule change: many tag operations, one staff completion among them.
  for (let i = 0; i < 50; i++) enqueueOperation(db, { kind: 'memberTag.add', payload: { memberId: (i % 3) + 1, tagId: 1, source: 'rule' } });
  enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId: 10, status: 'done', completionStatus: '対応完了', note: null } });
  return db;
}

describe('migration 25: the outbox readers behind the screens use indexes of their own', () => {
  it('reads pending LOC operations, one member’s tag operations and pending usage without scanning the outbox', async () => {
    const db = replicaWithBusyOutbox();
    const plans = await outboxPlans(db, async () => {
      listLocRequests(db, { page: 1, pageSize: 50, sort: { field: 'requestedAt', direction: 'desc' } });
      getLocRequest(db, 10);
      getMember(db, 1);
      bulkTagMembers(db, { search: {}, tagId: 1, action: 'add', dryRun: true }, { now: () => new Date('2026-12-02T00:00:00Z') });
      await shopUsage(db, undefined, { kind: 'calendar_month' }, new Date('2026-12-02T00:00:00Z'));
    });
    expect(plans.length).toBeGreaterThanOrEqual(4);
    for (const { sql, plan } of plans) {
      expect(plan, sql).not.toEqual([]);
      for (const step of plan) expect(step, sql).toMatch(/^(SEARCH|SCAN) (outbox|o) USING (COVERING )?INDEX outbox_(member_tag|pending_loc|pending_usage)\b/);
    }
  });

  it('still lays the operations over server state: the completion shows, one member holds the pending tag', () => {
    const db = replicaWithBusyOutbox();
    expect(getLocRequest(db, 10)?.status).toBe('done');
    expect(getMember(db, 2)?.pendingTagChanges).toHaveLength(17);
  });
});
