import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertCartCustomer, insertMember, insertOrder } from '../fixtures/replica';


const pending = (db: Database.Database) => db.prepare('SELECT member_id FROM tag_rule_pending ORDER BY member_id').pluck().all();

describe('migration 6: members the tag rules have not seen', () => {
  it('starts a version 5 replica with nothing marked and no run recorded, then marks from the next write on', () => {
    const db = memoryAt(5);
    insertMember(db, { id: 1, displayName: 'a' });
    insertCartCustomer(db, { id: 11, memberId: 1, customerNumber: 'C11' });
    migrate(db, migrations, 6);
    expect(schemaVersion(db)).toBe(6);
    expect(pending(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM tag_rule_state').pluck().get()).toBe(0);
    insertOrder(db, { id: 101, cartCustomerId: 11, total: 1, orderedAt: '2026-11-01T00:00:00.000Z' }, [{ code: 'P', name: 'P', quantity: 1, price: 1 }]);
    expect(pending(db)).toEqual([1]);
  });

  it('keeps a single run record', () => {
    const db = memoryAt(6);
    db.prepare("INSERT INTO tag_rule_state (id, rule_set, evaluated_at) VALUES (1, 'x', 't')").run();
    expect(() => db.prepare("INSERT INTO tag_rule_state (id, rule_set, evaluated_at) VALUES (2, 'y', 't')").run()).toThrow(/CHECK/);
  });

  it('does not mark a member for a tag a rule set', () => {
    const db = memoryAt(6);
    insertMember(db, { id: 1, displayName: 'a' });
    db.prepare('DELETE FROM tag_rule_pending').run();
    db.prepare("INSERT INTO tags (id, name, updated_at) VALUES (1, 'T', 't')").run();
    db.prepare("INSERT INTO member_tags (member_id, tag_id, source, set_at) VALUES (1, 1, 'rule', 't')").run();
    expect(pending(db)).toEqual([]);
    db.prepare("INSERT INTO member_tags (member_id, tag_id, source, set_at) VALUES (1, 1, 'manual', 't') ON CONFLICT DO NOTHING").run();
    db.prepare('DELETE FROM member_tags').run();
    expect(pending(db)).toEqual([1]);
  });
});
