import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember } from '../fixtures/replica';

describe('migration 9: who finished a request', () => {
  it('keeps a version 8 replica\'s requests, finished ones without a finisher until the cloud says', () => {
    const db = memoryAt(8);
    insertMember(db, { id: 1, displayName: 'a' });
    db.prepare(
      `INSERT INTO loc_requests (id, member_id, kind, status, completion_status, requested_at, updated_at) VALUES (5, 1, 'crosssell', 'done', '対応完了', 't', 't')`,
    ).run();
    migrate(db, migrations, 9);
    expect(schemaVersion(db)).toBe(9);
    expect(db.prepare('SELECT id, completion_status, finished_by, finished_by_name FROM loc_requests').all()).toEqual([
      { id: 5, completion_status: '対応完了', finished_by: null, finished_by_name: null },
    ]);
  });

  it('holds a robot or staff, nothing else', () => {
    const db = memoryAt(9);
    insertMember(db, { id: 1, displayName: 'a' });
    const insert = db.prepare(`INSERT INTO loc_requests (id, member_id, kind, status, requested_at, updated_at, finished_by, finished_by_name) VALUES (?, 1, 'crosssell', 'done', 't', 't', ?, ?)`);
    insert.run(1, 'robot', 'レジ横PC');
    insert.run(2, 'staff', '佐藤 花子');
    expect(() => insert.run(3, 'cloud', null)).toThrow(/CHECK/);
  });
});
