import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { searchMembers } from '../../electron/core/db/queries/members';
import { normalizePhone } from '../../electron/core/members/phone-number';
import { memoryAt } from '../fixtures/migrated';
import { insertCartCustomer, insertMember } from '../fixtures/replica';
import { tempDir } from '../fixtures/tmp';

describe('migration 17: folded names and normalised phones', () => {
  it('re-indexes a version 8 replica\'s members, so those pulled before are found by the new forms', () => {
    const db = memoryAt(8);
    insertMember(db, { id: 1, displayName: 'めい', name: '清水 芽依', nameKana: 'シミズ メイ', phone: '+81 90-2222-3333' });
    insertCartCustomer(db, { id: 7, memberId: 1, customerNumber: 'EC00000007' });
    db.prepare(`UPDATE cart_customers SET phone = '(090) 2222-3333' WHERE id = 7`).run();
    migrate(db, migrations, 17);
    expect(schemaVersion(db)).toBe(17);
    expect(db.prepare('SELECT phone, phone_normalized FROM members').get()).toEqual({ phone: '+81 90-2222-3333', phone_normalized: '09022223333' });
    expect(db.prepare('SELECT phone_normalized FROM cart_customers').pluck().get()).toBe('09022223333');
    const found = (query: string) => searchMembers(db, { query, page: 1, pageSize: 10 }).items.map((m) => m.id);
    expect(found('清水芽依')).toEqual([1]);
    expect(found('しみず')).toEqual([1]);
    expect(found('090-2222-3333')).toEqual([1]);
    expect(found('EC00000007')).toEqual([1]);
  });

  it('keeps the index in step when a member is added or changes phone after the migration', () => {
    const db = memoryAt(17);
    insertMember(db, { id: 2, displayName: 'a', phone: '０９０４４４４５５５５' });
    expect(db.prepare('SELECT phone_normalized FROM members WHERE id = 2').pluck().get()).toBe('09044445555');
    db.prepare(`UPDATE members SET phone = '(090) 6666-7777' WHERE id = 2`).run();
    const found = (query: string) => searchMembers(db, { query, page: 1, pageSize: 10 }).items.map((m) => m.id);
    expect(found('09066667777')).toEqual([2]);
    expect(found('09044445555')).toEqual([]);
    db.prepare(`UPDATE members SET phone = 'お店に電話' WHERE id = 2`).run();
    expect(db.prepare('SELECT phone_normalized FROM members WHERE id = 2').pluck().get()).toBeNull();
  });

  it('looks a whole phone number up through its index', () => {
    const db = memoryAt(17);
    const detail = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((p) => p.detail).join(' ');
    expect(detail(`SELECT id FROM members WHERE phone_normalized = '09012345678'`)).toMatch(/USING (COVERING )?INDEX members_phone_normalized/);
    expect(detail(`SELECT id FROM cart_customers WHERE phone_normalized = '09012345678'`)).toMatch(/USING (COVERING )?INDEX cart_customers_phone_normalized/);
  });

  it('refuses a member written by a connection without the search functions, instead of indexing it wrong', () => {
    const tmp = tempDir('tanto-migration-17-');
    onTestFinished(() => tmp.remove());
    const file = path.join(tmp.dir, 'replica.sqlite');
    openDatabase(file, { quickCheck: false }).close();
    const bare = new Database(file);
    onTestFinished(() => {
      bare.close();
    });
    expect(() => insertMember(bare, { id: 1, displayName: 'a', phone: '090-1111-2222' })).toThrow(/no such function: tanto_/);
    expect(bare.prepare('SELECT count(*) FROM members').pluck().get()).toBe(0);
  });

  it('stores a phone normalised as a typed phone is normalised', () => {
    const db = memoryAt(17);
    insertMember(db, { id: 1, displayName: 'a' });
    const store = db.prepare('UPDATE members SET phone = ? WHERE id = 1');
    const read = db.prepare('SELECT phone_normalized FROM members WHERE id = 1').pluck();
    const stored = (phone: string) => {
      store.run(phone);
      return read.get();
    };
    const forms = ['+81 90-1234-5678', '+81 (0)90-1234-5678', '＋８１ ９０ １２３４ ５６７８', '+886 912-345-678', '(090) 6666-7777', '090ー1234ー5678', '03.1234.5678', '12'];
    for (const phone of forms) expect(stored(phone), phone).toBe(normalizePhone(phone));
  });
});
