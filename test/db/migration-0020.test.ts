import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { searchMembers } from '../../electron/core/db/queries/members';
import { memoryAt } from '../fixtures/migrated';
import { insertCartCustomer, insertMember } from '../fixtures/replica';

/** How version 17 stored a phone: `0081…`, `00886…` and the minus sign were left as they were. */
function phoneAtVersion17(text: string): string | null {
  const typed = text.normalize('NFKC').trim();
  if (!/^\+?[\d\s\-()‐‑–—―ー.]+$/u.test(typed)) return null;
  const digits = typed.replace(/\D/gu, '');
  if (digits.length === 0) return null;
  if (!typed.startsWith('+')) return digits;
  for (const country of ['81', '886']) {
    if (digits.startsWith(country)) return digits.slice(country.length).replace(/^(?!0)/u, '0');
  }
  return digits;
}

/** A version 17 replica whose phones were folded the way version 17 folded them. */
function replicaAt17() {
  const db = memoryAt(17);
  db.function('tanto_phone', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? phoneAtVersion17(text) : null));
  insertMember(db, { id: 1, displayName: 'あや', name: '山本 彩', phone: '0081 90-2222-3333' });
  insertMember(db, { id: 2, displayName: 'りん', name: '林 美玲', phone: '00886 912 345 678' });
  insertMember(db, { id: 3, displayName: 'めい', name: '清水 芽依', phone: '090−4444−5555' });
  insertMember(db, { id: 4, displayName: 'そら', name: '青木 空', phone: '+81 80-6666-7777' });
  insertCartCustomer(db, { id: 7, memberId: 1, customerNumber: 'EC00000007' });
  db.prepare(`UPDATE cart_customers SET phone = '0081 90 2222 3333' WHERE id = 7`).run();
  return db;
}

describe('migration 20: phones folded as the robot folds them', () => {
  it('recomputes the stored phones of international and minus-sign forms, so search finds them by the domestic number', () => {
    const db = replicaAt17();
    const phones = () => db.prepare('SELECT id, phone_normalized FROM members ORDER BY id').all();
    expect(phones()).toEqual([
      { id: 1, phone_normalized: '00819022223333' },
      { id: 2, phone_normalized: '00886912345678' },
      { id: 3, phone_normalized: null },
      { id: 4, phone_normalized: '08066667777' },
    ]);
    const found = (query: string) => searchMembers(db, { query, page: 1, pageSize: 10 }).items.map((m) => m.id);
    expect(found('090-2222-3333')).toEqual([]);

    migrate(db, migrations, 20);
    expect(schemaVersion(db)).toBe(20);
    expect(phones()).toEqual([
      { id: 1, phone_normalized: '09022223333' },
      { id: 2, phone_normalized: '0912345678' },
      { id: 3, phone_normalized: '09044445555' },
      { id: 4, phone_normalized: '08066667777' },
    ]);
    expect(db.prepare('SELECT phone_normalized FROM cart_customers WHERE id = 7').pluck().get()).toBe('09022223333');
    expect(found('090-2222-3333')).toEqual([1]);
    expect(found('0912 345 678')).toEqual([2]);
    expect(found('4444-5555')).toEqual([3]);
    expect(found('080-6666-7777')).toEqual([4]);
    expect(found('山本')).toEqual([1]);
    expect(found('EC00000007')).toEqual([1]);
  });

  it('leaves the search index of members whose phone reads the same untouched and whole', () => {
    const db = replicaAt17();
    migrate(db, migrations, 20);
    expect(db.prepare('SELECT count(*) FROM member_search').pluck().get()).toBe(4);
    const found = (query: string) => searchMembers(db, { query, page: 1, pageSize: 10 }).items.map((m) => m.id);
    expect(found('青木空')).toEqual([4]);
    expect(found('6666')).toEqual([4]);
  });
});
