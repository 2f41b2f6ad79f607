import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember, insertTag } from '../fixtures/replica';


const insertRule = (db: Database.Database, patch: Record<string, unknown> = {}) =>
  db
    .prepare(
      `INSERT INTO tag_rules (id, name, tag_id, action, match, groups, enabled, created_at, updated_at)
       VALUES (@id, @name, @tagId, @action, @match, @groups, @enabled, @at, @at)`,
    )
    .run({ id: 1, name: 'A', tagId: 1, action: 'add', match: 'all', groups: '[[{"kind":"cartLinked"}]]', enabled: 1, at: '2026-11-01T00:00:00.000Z', ...patch });

describe('migration 4: tag rules', () => {
  it('adds tag_rules, keeping the tags and history of version 3', () => {
    const db = memoryAt(3);
    insertMember(db, { id: 1, displayName: 'a' });
    insertTag(db, 1, 'VIP');
    db.prepare("INSERT INTO member_tags (member_id, tag_id, source, set_at) VALUES (1, 1, 'cloud', '2026-11-01T00:00:00.000Z')").run();
    db.prepare("INSERT INTO member_tag_history (member_id, tag_id, action, source, at) VALUES (1, 1, 'add', 'cloud', '2026-11-01T00:00:00.000Z')").run();
    migrate(db, migrations, 4);
    expect(schemaVersion(db)).toBe(4);
    insertRule(db);
    expect(db.prepare('SELECT name, tag_id AS tagId FROM tag_rules').all()).toEqual([{ name: 'A', tagId: 1 }]);
    expect(db.prepare('SELECT count(*) FROM member_tag_history').pluck().get()).toBe(1);
  });

  it('refuses a rule on an unknown tag, an unknown action and groups that are not a JSON array', () => {
    const db = memoryAt(4);
    expect(() => insertRule(db)).toThrow(/FOREIGN KEY/);
    insertTag(db, 1, 'VIP');
    expect(() => insertRule(db, { action: 'toggle' })).toThrow(/CHECK/);
    expect(() => insertRule(db, { groups: '{"kind":"cartLinked"}' })).toThrow(/CHECK/);
    expect(() => insertRule(db, { groups: 'not json' })).toThrow(/CHECK/);
  });

  it('removes the rules of a deleted tag', () => {
    const db = memoryAt(4);
    insertTag(db, 1, 'VIP');
    insertRule(db);
    db.prepare('DELETE FROM tags WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM tag_rules').pluck().get()).toBe(0);
  });

  it('counts history per tag from a covering index, without reading the table', () => {
    const db = memoryAt(4);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT h.action, h.source, count(*) FROM tags t JOIN member_tag_history h ON h.tag_id = t.id
         WHERE h.at >= '2026-11-01' AND h.at < '2026-11-03' GROUP BY t.id, h.action, h.source`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH h USING COVERING INDEX member_tag_history_tag_at \(tag_id=\? AND at>\? AND at<\?\)/);
  });
});
