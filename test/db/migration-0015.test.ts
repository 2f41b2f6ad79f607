import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember } from '../fixtures/replica';

describe('migration 15: the staff list', () => {
  it("keeps a version 14 replica's members and cursor and starts with an empty staff list", () => {
    const db = memoryAt(14);
    insertMember(db, { id: 1, displayName: 'a' });
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', '77')`).run();
    migrate(db, migrations, 15);
    expect(schemaVersion(db)).toBe(15);
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(1);
    expect(db.prepare(`SELECT value FROM sync_state WHERE key = 'cursor'`).pluck().get()).toBe('77');
    expect(db.prepare('SELECT count(*) FROM staff_members').pluck().get()).toBe(0);
  });

  it('holds a name once and refuses an empty one', () => {
    const db = memoryAt(15);
    const add = db.prepare(`INSERT INTO staff_members (name, created_at) VALUES (?, 't')`);
    add.run('佐藤');
    expect(() => add.run('佐藤')).toThrow(/UNIQUE/);
    expect(() => add.run('')).toThrow(/CHECK/);
  });
});
