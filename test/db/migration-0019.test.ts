import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { tagHistoryCounts } from '../../electron/core/db/queries/tags-history';
import { memoryAt } from '../fixtures/migrated';
import { insertMember, insertTag } from '../fixtures/replica';

const HOUR_MS = 3_600_000;

describe('migration 19: tag history counted per hour, for the days of any shop zone', () => {
  it("moves each history row's count to its hour and keeps what a Japan day counted beyond its rows", () => {
    const db = memoryAt(18);
    insertMember(db, { id: 1, displayName: 'a' });
    insertTag(db, 1, 'VIP');
    const history = db.prepare("INSERT INTO member_tag_history (member_id, tag_id, action, source, at) VALUES (1, 1, ?, 'rule', ?)");
    const count = db.prepare("INSERT INTO tag_history_days (day, tag_id, action, source, changes) VALUES (?, 1, ?, 'rule', ?)");
    const lateInTaipei = Date.parse('2026-11-23T15:30:00.000Z'); // 23:30 on 11-23 in Taipei, 00:30 on 11-24 in Tokyo
    history.run('add', lateInTaipei);
    history.run('add', lateInTaipei + 60_000);
    history.run('remove', Date.parse('2026-11-24T03:00:00.000Z'));
    // The Japan day also counted three adds of a member deleted since, whose rows went with them.
    count.run('2026-11-24', 'add', 5);
    count.run('2026-11-24', 'remove', 1);

    migrate(db, migrations, 19);
    expect(schemaVersion(db)).toBe(19);
    expect(db.prepare('SELECT hour, action, changes FROM tag_history_hours ORDER BY hour, action').raw().all()).toEqual([
      [Date.parse('2026-11-23T15:00:00.000Z') / HOUR_MS, 'add', 2 + 3],
      [Date.parse('2026-11-24T03:00:00.000Z') / HOUR_MS, 'remove', 1],
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'tag_history_days'").pluck().get()).toBe(0);
    const tokyo = tagHistoryCounts(db, { from: '2026-11-24', to: '2026-11-24', timeZone: 'Asia/Tokyo' });
    expect(tokyo.tags.map((t) => [t.added.total, t.removed.total])).toEqual([[5, 1]]);
  });

  it('takes only whole hours and positive counts', () => {
    const db = memoryAt(19);
    const insert = db.prepare("INSERT INTO tag_history_hours (hour, tag_id, action, source, changes) VALUES (?, 1, 'add', 'rule', ?)");
    expect(() => insert.run(1.5, 1)).toThrow(/CHECK/);
    expect(() => insert.run(1, 0)).toThrow(/CHECK/);
    insert.run(1, 1);
    expect(db.prepare('SELECT changes FROM tag_history_hours').pluck().get()).toBe(1);
  });
});
