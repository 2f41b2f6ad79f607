import { describe, expect, it } from 'vitest';
import { latestVersion, migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { applyPage } from '../../electron/core/sync/apply';
import { rejectedOperations } from '../../electron/core/sync/outbox';
import { readQuarantined } from '../../electron/core/sync/quarantine';
import { memoryAt } from '../fixtures/migrated';

const at = '2026-12-04T00:00:00.000Z';

describe('migration 18: why an operation was refused and a change quarantined', () => {
  it("gives a version 17 replica's quarantined changes their cause from the parser's words, and keeps older refusals without a code", () => {
    const db = memoryAt(17);
    const quarantine = db.prepare('INSERT INTO quarantined_changes (seq, entity, op, raw, reason, quarantined_at) VALUES (?, ?, ?, ?, ?, ?)');
    quarantine.run(1, null, null, '{}', 'malformed change: seq Invalid input', at);
    quarantine.run(2, 'loyalty_point', 'upsert', '{}', 'unknown entity "loyalty_point"', at);
    quarantine.run(3, 'member', 'upsert', '{}', 'invalid member upsert: lineUserId Too small', at);
    quarantine.run(4, 'member_tag', 'upsert', '{}', 'member_tag upsert refused by the database: FOREIGN KEY constraint failed', at);
    quarantine.run(5, 'member', 'upsert', '{}', 'something a later parser says', at);
    db.prepare(
      "INSERT INTO outbox (op_id, kind, payload, state, created_at, rejected_reason, rejected_at) VALUES ('op-1', 'loc.setStatus', '{}', 'rejected', ?, 'unknown LOC request 9', ?)",
    ).run(at, at);

    migrate(db, migrations, 18);
    expect(schemaVersion(db)).toBe(18);
    expect(readQuarantined(db).map((c) => [c.seq, c.cause])).toEqual([
      [1, 'malformed'],
      [2, 'unknown_entity'],
      [3, 'invalid'],
      [4, 'refused'],
      [5, null],
    ]);
    expect(rejectedOperations(db)).toEqual([expect.objectContaining({ opId: 'op-1', reason: 'unknown LOC request 9', code: null })]);
  });

  it('records the cause of each change quarantined after it', () => {
    // Today's sync code writes today's schema, so the replica is at the newest version.
    const db = memoryAt(latestVersion(migrations));
    const changes = [
      { seq: 1, entity: 'member' },
      { seq: 2, entity: 'loyalty_point', op: 'upsert', data: {} },
      { seq: 3, entity: 'member', op: 'upsert', data: { id: 1 } },
      { seq: 4, entity: 'member_tag', op: 'upsert', data: { memberId: 404, tagId: 404, source: 'cloud', setAt: at } },
    ];
    const outcome = applyPage(db, { changes, next: 4, head: 4, hasMore: false } as never, { clock: { now: () => new Date(at) } });
    expect(outcome).toMatchObject({ applied: 0, quarantined: 4 });
    expect(readQuarantined(db).map((c) => [c.seq, c.cause])).toEqual([
      [1, 'malformed'],
      [2, 'unknown_entity'],
      [3, 'invalid'],
      [4, 'refused'],
    ]);
  });
});
