import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { createEventBus } from '../events';
import { applyPage } from './apply';
import type { Change, ChangesPage } from './change-schemas';
import { readCursor } from './sync-state';
import { tempDir } from './sync-test-support';

const dir = tempDir();
afterAll(() => dir.remove());
const clock = { now: () => new Date('2025-06-02T09:00:00.000Z') };
const t = '2025-06-01T00:00:00.000Z';

let db: Db;
let seq = 0;
let n = 0;
beforeEach(() => {
  db = dir.open(`apply-${(n += 1)}.sqlite`);
  seq = 0;
});

function page(...changes: Array<Omit<Change, 'seq'> | Record<string, unknown>>): ChangesPage {
  const numbered = changes.map((c) => ({ seq: (seq += 1), ...c }));
  return { changes: numbered, next: seq, head: seq, hasMore: false };
}

const member = (id: number, displayName = `会員${id}`) => ({
  entity: 'member',
  op: 'upsert',
  data: { id, lineUserId: `U${id}`, displayName, name: null, phone: '090-0000-0000', updatedAt: t },
});
const customer = (id: number, memberId: number) => ({
  entity: 'cart_customer',
  op: 'upsert',
  data: { id, memberId, cart: 'ecforce', customerNumber: `C${id}`, updatedAt: t },
});
const tag = (id: number) => ({ entity: 'tag', op: 'upsert', data: { id, name: `タグ${id}`, updatedAt: t } });
const item = (lineNo: number, productCode = 'SKN-001') => ({ lineNo, productCode, productName: '美容液', quantity: 1, price: 4980 });
const order = (id: number, items: unknown[], extra: Record<string, unknown> = {}) => ({
  entity: 'order',
  op: 'upsert',
  data: { id, cartCustomerId: 1, orderNumber: String(1_000_000_000 + id), status: 'shipped', total: 4980, orderedAt: t, updatedAt: t, items, ...extra },
});

const history = () =>
  db
    .prepare("SELECT member_id, tag_id, action, source, source_detail, strftime('%Y-%m-%dT%H:%M:%fZ', at / 1000.0, 'unixepoch') FROM member_tag_history ORDER BY id")
    .raw()
    .all();

describe('applyPage', () => {
  it('writes tag history only when a member tag actually appears or disappears', () => {
    applyPage(db, page(member(1), tag(7)), { clock });
    const add = { entity: 'member_tag', op: 'upsert', data: { memberId: 1, tagId: 7, source: 'rule', sourceDetail: 'ルール#3', setAt: t } };
    applyPage(db, page(add, add), { clock });
    applyPage(db, page({ ...add, data: { ...add.data, source: 'cloud', sourceDetail: null } }), { clock });
    expect(db.prepare('SELECT source FROM member_tags').pluck().all()).toEqual(['cloud']);
    const remove = { entity: 'member_tag', op: 'delete', data: { memberId: 1, tagId: 7, source: 'robot' } };
    applyPage(db, page(remove, remove, { entity: 'member_tag', op: 'delete', data: { memberId: 1, tagId: 7 } }), { clock });
    expect(history()).toEqual([
      [1, 7, 'add', 'rule', 'ルール#3', t],
      [1, 7, 'remove', 'robot', null, '2025-06-02T09:00:00.000Z'],
    ]);
    const hours = db.prepare('SELECT hour, tag_id, action, source, changes FROM tag_history_hours ORDER BY action').raw().all();
    expect(hours).toEqual([
      [Math.floor(Date.parse(t) / 3_600_000), 7, 'add', 'rule', 1],
      [Date.parse('2025-06-02T09:00:00.000Z') / 3_600_000, 7, 'remove', 'robot', 1],
    ]);
    expect(db.prepare('SELECT count(*) FROM member_tags').pluck().get()).toBe(0);
  });

  it('replaces an order\'s lines with the ones in the change, and rewrites nothing when they are the same', () => {
    applyPage(db, page(member(1), customer(1, 1), order(10, [item(1), item(2, 'HLT-001'), item(3)])), { clock });
    applyPage(db, page(order(10, [item(1, 'SUB-SKN-001')])), { clock });
    expect(db.prepare('SELECT line_no, product_code FROM order_items WHERE order_id = 10').raw().all()).toEqual([[1, 'SUB-SKN-001']]);
    const before = db.prepare('SELECT total_changes()').pluck().get() as number;
    applyPage(db, page(order(10, [item(1, 'SUB-SKN-001')])), { clock });
    // Only the cursor and head in sync_state.
    expect((db.prepare('SELECT total_changes()').pluck().get() as number) - before).toBe(2);
  });

  it('links child orders to their parent and deletes by key, cascading to what hangs off the row', () => {
    applyPage(
      db,
      page(member(1), customer(1, 1), order(10, [item(1)]), order(11, [item(1)], { parentOrderId: 10 }), { entity: 'order', op: 'delete', data: { id: 10 } }),
      { clock },
    );
    expect(db.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM order_items').pluck().get()).toBe(0);
    applyPage(db, page(customer(2, 1), { entity: 'member', op: 'delete', data: { id: 1 } }), { clock });
    expect(db.prepare('SELECT count(*) FROM cart_customers').pluck().get()).toBe(0);
  });

  it('tells the UI which members and LOC requests changed, once the page is committed', () => {
    const events = createEventBus();
    const seen: Array<[string, number[], number]> = [];
    events.on('members.changed', ({ ids }) => seen.push(['members', ids, readCursor(db)]));
    events.on('loc.changed', ({ ids }) => seen.push(['loc', ids, readCursor(db)]));
    applyPage(db, page(member(2), member(1), customer(1, 2)), { clock, events });
    applyPage(
      db,
      page(order(5, [item(1)]), {
        entity: 'loc_request',
        op: 'upsert',
        data: { id: 9, uid: '5b0c3f1e-8d2a-4c6b-9e7f-1a2b3c4d5e6f', memberId: 1, kind: 'crosssell', status: 'new', requestedAt: t, updatedAt: t },
      }),
      { clock, events },
    );
    applyPage(db, page(member(1)), { clock, events });
    expect(seen).toEqual([
      ['members', [1, 2], 3],
      ['members', [2], 5],
      ['loc', [9], 5],
    ]);
  });

  it('skips changes at or below the stored cursor, so a repeated page is harmless', () => {
    const first = page(member(1), tag(1));
    applyPage(db, first, { clock });
    expect(applyPage(db, first, { clock })).toMatchObject({ applied: 0, skipped: 2, cursor: 2 });
  });

  it('quarantines a change without an envelope and keeps the cursor moving', () => {
    const outcome = applyPage(db, page(member(1), { entity: 'member', op: 'merge', data: {} }, tag(1)), { clock });
    expect(outcome).toMatchObject({ applied: 2, quarantined: 1, cursor: 3 });
    expect(db.prepare('SELECT seq, entity, op, reason FROM quarantined_changes').get()).toEqual({
      seq: 2,
      entity: 'member',
      op: 'merge',
      reason: expect.stringMatching(/^malformed change: op: /),
    });
  });

  it('quarantines a change that violates a unique constraint and rolls back only that change', () => {
    applyPage(db, page(member(1), { ...member(2), data: { ...member(2).data, lineUserId: 'U1' } }, member(3)), { clock });
    expect(db.prepare('SELECT id FROM members ORDER BY id').pluck().all()).toEqual([1, 3]);
    expect(db.prepare('SELECT reason FROM quarantined_changes').pluck().get()).toMatch(/UNIQUE constraint failed: members.line_user_id/);
  });
});
