import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPage } from '../../sync/apply';
import { enqueueOperation } from '../../sync/outbox';
import { openDatabase, type Db } from '../open';
import { getMember, searchMembers } from './members';

let db: Db;
let pulled = 0;
beforeEach(() => {
  db = openDatabase(':memory:', { quickCheck: false });
  pulled = 0;
  pull(...shop);
});
afterEach(() => db.close());

const at = '2026-11-01T00:00:00.000Z';
const shop: Array<[string, Record<string, unknown>]> = [
  ['member', { id: 1, lineUserId: 'U1', displayName: 'さくら', name: '佐藤 花子', nameKana: 'サトウ ハナコ', phone: '090-1234-5678', email: 'hanako@example.jp', updatedAt: at }],
  ['member', { id: 2, lineUserId: 'U2', displayName: 'たろう', name: '鈴木 太郎', phone: '080-9999-0000', email: 'taro@shop.example', updatedAt: at }],
  ['cart_customer', { id: 10, memberId: 1, cart: 'ecforce', customerNumber: 'C-000777', name: '佐藤 花子', updatedAt: at }],
  ['cart_customer', { id: 11, memberId: 2, cart: 'ecforce', customerNumber: 'C-000888', updatedAt: at }],
  ['tag', { id: 5, name: 'VIP', updatedAt: at }],
  ['tag', { id: 6, name: '定期購入中', updatedAt: at }],
  ['member_tag', { memberId: 2, tagId: 5, source: 'rule', sourceDetail: '購入3回以上', setAt: at }],
  ['order', { id: 100, cartCustomerId: 10, orderNumber: 'O-100', status: 'shipped', total: 3000, orderedAt: at, updatedAt: at, items: [] }],
  [
    'order',
    {
      id: 101, cartCustomerId: 10, orderNumber: 'O-101', parentOrderId: 100, status: 'shipped', total: 1000, orderedAt: at, updatedAt: at,
      items: [{ lineNo: 1, productCode: 'P-1', productName: '青汁', quantity: 2, price: 500 }],
    },
  ],
];

/** Through the feed's own writer, as rows reach the replica in the product. */
function pull(...rows: Array<[string, Record<string, unknown>]>): void {
  const changes = rows.map(([entity, data], i) => ({ seq: pulled + i + 1, entity, op: 'upsert', data }));
  pulled += changes.length;
  applyPage(db, { changes, next: pulled, head: pulled, hasMore: false }, { clock: { now: () => new Date(at) } });
}

const ids = (search: Parameters<typeof searchMembers>[1]) => searchMembers(db, search).items.map((m) => m.id);
const page = { page: 1, pageSize: 50 };

describe('searchMembers', () => {
  it('finds a member by name, kana, display name, phone as typed, e-mail and customer number', () => {
    expect(ids({ ...page, query: '佐藤' })).toEqual([1]);
    expect(ids({ ...page, query: 'サトウ' })).toEqual([1]);
    expect(ids({ ...page, query: 'たろう' })).toEqual([2]);
    expect(ids({ ...page, query: '090-1234' })).toEqual([1]);
    expect(ids({ ...page, query: '08099990000' })).toEqual([2]);
    expect(ids({ ...page, query: 'taro@shop.example' })).toEqual([2]);
    expect(ids({ ...page, query: 'C-000777' })).toEqual([1]);
    expect(ids({ ...page, customerNumber: 'C-000888' })).toEqual([2]);
    expect(ids({ ...page, query: 'nobody@example.jp' })).toEqual([]);
  });

  it('filters by tag id or exact tag name', () => {
    expect(ids({ ...page, tag: 5 })).toEqual([2]);
    expect(ids({ ...page, tag: 'VIP' })).toEqual([2]);
    expect(ids({ ...page, tag: '定期購入中' })).toEqual([]);
    expect(searchMembers(db, { ...page, tag: 'VIP' }).items[0]?.tags).toEqual(['VIP']);
  });
});

describe('searchMembers: names and phones however they were typed or stored', () => {
  const m = (id: number, fields: Record<string, unknown>): [string, Record<string, unknown>] => [
    'member',
    { id, lineUserId: `U${id}`, displayName: `友だち${id}`, updatedAt: at, ...fields },
  ];
  beforeEach(() =>
    pull(
      m(3, { name: '清水 芽依', nameKana: 'シミズ メイ', phone: '+81 90-2222-3333' }),
      m(4, { name: '高橋 ゆい', nameKana: 'ﾀｶﾊｼﾞ ﾕｲ', phone: '０９０４４４４５５５５' }),
      m(5, { displayName: 'ＨＡＮＡ　ショップ', name: '山本 葵', phone: '(090) 6666-7777' }),
    ),
  );

  it('finds a name with or without spaces, in hiragana, katakana or half-width kana', () => {
    for (const query of ['清水 芽依', '清水芽依', '清水　芽依', 'しみず', 'シミズ', 'ｼﾐｽﾞ', 'しみずめい', 'シミズ メイ']) {
      expect(ids({ ...page, query }), query).toEqual([3]);
    }
    // Stored half-width, typed in either full-width script, a voiced mark included.
    for (const query of ['たかはじ', 'タカハジ', 'ﾀｶﾊｼﾞﾕｲ', '高橋ゆい']) expect(ids({ ...page, query }), query).toEqual([4]);
    // Full-width letters stored, narrow ones typed, and a space in the display name ignored.
    for (const query of ['hana しょ', 'HANAショップ', 'ｈａｎａｼｮｯﾌﾟ']) expect(ids({ ...page, query }), query).toEqual([5]);
  });

  it('finds one or two characters of a name in either kana script', () => {
    expect(ids({ ...page, query: 'しみ' })).toEqual([3]);
    expect(ids({ ...page, query: 'ゆい' })).toEqual([4]);
    expect(ids({ ...page, query: '清水' })).toEqual([3]);
    expect(ids({ ...page, query: 'みし' })).toEqual([]);
  });

  it('finds a phone stored in any form by any other form, both ways', () => {
    const forms: Record<number, string[]> = {
      1: ['09012345678', '090-1234-5678', '+81 90-1234-5678', '+81 (0)90-1234-5678', '０９０-１２３４-５６７８', '(090) 1234-5678'],
      3: ['09022223333', '090-2222-3333', '+81 90-2222-3333', '＋８１ ９０ ２２２２ ３３３３', '(090) 2222-3333', '2222-3333'],
      4: ['09044445555', '090-4444-5555', '+81 90-4444-5555', '０９０４４４４５５５５', '(090)4444-5555'],
      5: ['09066667777', '090 6666 7777', '+81 90-6666-7777', '(090) 6666-7777', '０９０６６６６７７７７'],
    };
    for (const [id, typed] of Object.entries(forms)) {
      for (const query of typed) expect(ids({ ...page, query }), query).toEqual([Number(id)]);
    }
    expect(ids({ ...page, query: '09022223334' })).toEqual([]);
    expect(ids({ ...page, query: '+1 90-2222-3333' })).toEqual([]);
  });
});

describe('getMember', () => {
  it('carries cart customers, orders with their parent and items, tags and their history', () => {
    const m = getMember(db, 2)!;
    expect(m.cartCustomers.map((c) => c.customerNumber)).toEqual(['C-000888']);
    expect(m.tags).toEqual([{ tagId: 5, name: 'VIP', source: 'rule', sourceDetail: '購入3回以上', setAt: at }]);
    expect(m.tagHistory).toEqual([{ tagId: 5, name: 'VIP', action: 'add', source: 'rule', sourceDetail: '購入3回以上', at }]);
    const orders = getMember(db, 1)!.orders;
    expect(orders.map((o) => [o.id, o.parentOrderId])).toEqual([
      [101, 100],
      [100, null],
    ]);
    expect(orders[0]!.items).toEqual([{ productCode: 'P-1', productName: '青汁', quantity: 2, price: 500 }]);
    expect(getMember(db, 99)).toBeUndefined();
  });

  it('shows tag changes still in the outbox as pending, rejected ones with the reason, and only for that member', () => {
    const added = enqueueOperation(db, { kind: 'memberTag.add', payload: { memberId: 1, tagId: 6, source: 'manual', sourceDetail: '田中' } });
    const removed = enqueueOperation(db, { kind: 'memberTag.remove', payload: { memberId: 2, tagId: 5, source: 'manual', sourceDetail: null } });
    db.prepare("UPDATE outbox SET state = 'rejected', rejected_reason = 'unknown tag 5', rejected_code = 'not_found' WHERE op_id = ?").run(removed);

    expect(getMember(db, 1)!.pendingTagChanges).toEqual([
      { opId: added, tagId: 6, name: '定期購入中', action: 'add', state: 'pending', reason: null, code: null, source: 'manual', sourceDetail: '田中', createdAt: expect.any(String) },
    ]);
    expect(getMember(db, 2)!.pendingTagChanges).toEqual([
      expect.objectContaining({ opId: removed, tagId: 5, action: 'remove', state: 'rejected', reason: 'unknown tag 5', code: 'not_found', sourceDetail: null }),
    ]);
    // Server state is untouched until the pull brings the change back.
    expect(getMember(db, 1)!.tags).toEqual([]);
  });
});
