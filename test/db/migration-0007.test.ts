import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember, insertTag } from '../fixtures/replica';

describe('migration 7: tag history as integers, with counts per Japan day', () => {
  it('keeps every history row with its instant to the millisecond and counts each Japan day of it', () => {
    const db = memoryAt(6);
    insertMember(db, { id: 1, displayName: 'a' });
    insertMember(db, { id: 2, displayName: 'b' });
    insertTag(db, 1, 'VIP');
    const history = db.prepare('INSERT INTO member_tag_history (member_id, tag_id, action, source, source_detail, at) VALUES (?, 1, ?, ?, ?, ?)');
    const rows: Array<[number, string, string, string | null, string]> = [
      [1, 'add', 'rule', 'rule:3 VIP', '2026-11-01T14:59:59.999Z'], // 11-01 in Tokyo
      [2, 'add', 'rule', 'rule:3 VIP', '2026-11-01T15:00:00.000Z'], // 11-02
      [1, 'remove', 'manual', '佐藤', '2026-11-02T03:00:00.001Z'], // 11-02
      [2, 'add', 'rule', null, '2026-11-02T14:00:00.000Z'], // 11-02, again
    ];
    for (const row of rows) history.run(...row);

    migrate(db, migrations, 7);
    expect(schemaVersion(db)).toBe(7);
    expect(db.prepare('SELECT id, member_id, action, source, source_detail, at FROM member_tag_history ORDER BY id').raw().all()).toEqual(
      rows.map(([member, action, source, detail, at], i) => [i + 1, member, action, source, detail, Date.parse(at)]),
    );
    expect(db.prepare('SELECT day, action, source, changes FROM tag_history_days ORDER BY day, action').raw().all()).toEqual([
      ['2026-11-01', 'add', 'rule', 1],
      ['2026-11-02', 'add', 'rule', 2],
      ['2026-11-02', 'remove', 'manual', 1],
    ]);
  });

  it('drops the per-change tag index, keeps the per-member one, and takes only integer times', () => {
    const db = memoryAt(7);
    const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'member_tag_history'").pluck().all();
    expect(indexes).toEqual(['member_tag_history_member']);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM member_tag_history WHERE member_id = 1 ORDER BY at DESC, id DESC')
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/USING INDEX member_tag_history_member \(member_id=\?\)/);
    insertMember(db, { id: 1, displayName: 'a' });
    expect(() =>
      db.prepare("INSERT INTO member_tag_history (member_id, tag_id, action, source, at) VALUES (1, 1, 'add', 'rule', '2026-11-01T00:00:00.000Z')").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO tag_history_days (day, tag_id, action, source, changes) VALUES ('2026-11-01', 1, 'add', 'rule', 0)").run()).toThrow(/CHECK/);
  });
});
