import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { insertCartCustomer, insertMember, insertOrder, insertSubscription, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { setShopTimeZone } from '../../shop/time-zone';
import { evaluateAllMembers, evaluateMembers } from './evaluate';
import type { RuleCondition } from './rule-schema';
import { fixedClock, openReplica, rule, tagsOf } from './rule-test-support';

const TARGET = 1;
const TAG_A = 2;
const NOW = '2026-11-23T03:00:00.000Z';
/** 2026-11-20 23:59:59 in Japan: M1's child order. */
const CHILD_AT = '2026-11-20T14:59:59.000Z';

/**
 * A small shop with every boundary the conditions have:
 * M1 an order at exactly 00:00 Japan time on 11-10 with a subscription (count 3, active), and a
 *    child order at 23:59:59 Japan time on 11-20 that inherits the subscription from its parent;
 * M2 two customer numbers: one with an active subscription (count 1) and a cancelled order, the
 *    other with a stopped subscription (count 5) and an order at 23:59:59 Japan time on 11-09;
 * M3 three orders and no subscription (count = purchases), operator 佐藤;
 * M4 no cart customer, operator 田中, tag A;  M5 a cart customer with nothing, a blank operator;
 * M6 a cancelled parent order of a paused subscription and a live child order without one.
 */
function seedShop(db: Db): void {
  insertTag(db, TARGET, '対象');
  insertTag(db, TAG_A, 'A');
  insertMember(db, { id: 1, displayName: 'M1' });
  insertMember(db, { id: 2, displayName: 'M2' });
  insertMember(db, { id: 3, displayName: 'M3', operator: '佐藤' });
  insertMember(db, { id: 4, displayName: 'M4', operator: '田中' });
  insertMember(db, { id: 5, displayName: 'M5', operator: '  ' });
  insertMember(db, { id: 6, displayName: 'M6' });
  tagMember(db, 4, TAG_A);

  insertCartCustomer(db, { id: 101, memberId: 1, customerNumber: 'C101' });
  insertSubscription(db, { id: 11, cartCustomerId: 101, code: 'SUB-V', name: 'ビタミン', status: 'active', count: 3, startedAt: '2026-11-09T15:00:00.000Z' });
  insertOrder(db, { id: 1001, cartCustomerId: 101, total: 3000, orderedAt: '2026-11-09T15:00:00.000Z', subscriptionId: 11 }, [
    { code: 'P-A', name: 'ビタミンA', quantity: 1, price: 3000 },
  ]);
  insertOrder(db, { id: 1002, cartCustomerId: 101, total: 3000, orderedAt: CHILD_AT, parentOrderId: 1001 }, [
    { code: 'SKN-002', name: '保湿化粧水 150mL', quantity: 1, price: 3000 },
  ]);

  insertCartCustomer(db, { id: 201, memberId: 2, customerNumber: 'C201' });
  insertCartCustomer(db, { id: 202, memberId: 2, customerNumber: 'C202' });
  insertSubscription(db, { id: 21, cartCustomerId: 201, code: 'SUB-G', name: '青汁', status: 'active', count: 1, startedAt: '2026-10-01T00:00:00.000Z' });
  insertSubscription(db, { id: 22, cartCustomerId: 202, code: 'SUB-K', name: '酵素', status: 'stopped', count: 5, startedAt: '2026-05-01T00:00:00.000Z' });
  insertOrder(db, { id: 2001, cartCustomerId: 201, total: 1000, orderedAt: '2026-10-01T00:00:00.000Z' }, [{ code: 'P-C', name: 'お試し', quantity: 1, price: 1000 }]);
  db.prepare("UPDATE orders SET status = 'cancelled' WHERE id = 2001").run();
  insertOrder(db, { id: 2002, cartCustomerId: 202, total: 5000, orderedAt: '2026-11-09T14:59:59.000Z', subscriptionId: 22 }, [
    { code: 'P-B', name: '酵素ドリンク', quantity: 1, price: 5000 },
  ]);

  insertCartCustomer(db, { id: 301, memberId: 3, customerNumber: 'C301' });
  for (const id of [3001, 3002, 3003]) {
    insertOrder(db, { id, cartCustomerId: 301, total: 1000, orderedAt: '2026-10-01T03:00:00.000Z' }, [{ code: 'P-A', name: 'ビタミンA', quantity: 1, price: 1000 }]);
  }

  insertCartCustomer(db, { id: 501, memberId: 5, customerNumber: 'C501' });

  insertCartCustomer(db, { id: 601, memberId: 6, customerNumber: 'C601' });
  insertSubscription(db, { id: 61, cartCustomerId: 601, code: 'SUB-S', name: '黒酢', status: 'paused', count: 2, startedAt: '2026-09-01T00:00:00.000Z' });
  insertOrder(db, { id: 6001, cartCustomerId: 601, total: 2000, orderedAt: '2026-09-01T00:00:00.000Z', subscriptionId: 61 }, [{ code: 'P-S', name: '黒酢', quantity: 1, price: 2000 }]);
  db.prepare("UPDATE orders SET status = 'cancelled' WHERE id = 6001").run();
  insertOrder(db, { id: 6002, cartCustomerId: 601, total: 2000, orderedAt: '2026-10-01T00:00:00.000Z', parentOrderId: 6001 }, [{ code: 'P-S', name: '黒酢', quantity: 1, price: 2000 }]);
}

const JUST_AFTER_WINDOW = new Date(Date.parse(CHILD_AT) + 3 * 86_400_000 + 1000).toISOString();
const WINDOW_EDGE = new Date(Date.parse(CHILD_AT) + 3 * 86_400_000).toISOString();

const table: Array<[string, RuleCondition, number[], string?]> = [
  ['course equals, through the order', { kind: 'courseName', op: 'equals', value: 'ビタミンコース' }, [1]],
  ['course of a cancelled parent, through its live child order', { kind: 'courseName', op: 'equals', value: '黒酢コース' }, [6]],
  ['course contains', { kind: 'courseName', op: 'contains', value: 'コース' }, [1, 2, 6]],
  ['course of a subscription no order carries', { kind: 'courseName', op: 'equals', value: '青汁コース' }, []],
  ['product code on orders of either customer number', { kind: 'product', by: 'code', op: 'equals', value: 'P-A' }, [1, 3]],
  ['product code on a child order only', { kind: 'product', by: 'code', op: 'equals', value: 'SKN-002' }, [1]],
  ['product code on the second customer number', { kind: 'product', by: 'code', op: 'equals', value: 'P-B' }, [2]],
  ['product on a cancelled order only', { kind: 'product', by: 'code', op: 'equals', value: 'P-C' }, []],
  ['product name contains', { kind: 'product', by: 'name', op: 'contains', value: '化粧水' }, [1]],
  ['product name equals needs the whole name', { kind: 'product', by: 'name', op: 'equals', value: '化粧水' }, []],
  ['product code is not the subscription product', { kind: 'product', by: 'code', op: 'equals', value: 'SUB-V' }, []],
  ['on the Japan day that starts at the order', { kind: 'purchaseDate', op: 'on', date: '2026-11-10' }, [1]],
  ['on the Japan day that ends one second after the order', { kind: 'purchaseDate', op: 'on', date: '2026-11-09' }, [2]],
  ['before a Japan midnight excludes an order at it', { kind: 'purchaseDate', op: 'before', date: '2026-11-10' }, [2, 3, 6]],
  ['after a Japan date starts at the next midnight', { kind: 'purchaseDate', op: 'after', date: '2026-11-09' }, [1]],
  ['after the day of an order at 23:59:59', { kind: 'purchaseDate', op: 'after', date: '2026-11-20' }, []],
  ['within 3 days', { kind: 'purchaseDate', op: 'withinDays', days: 3 }, [1]],
  ['within 2 days', { kind: 'purchaseDate', op: 'withinDays', days: 2 }, []],
  ['within 3 days, the order exactly 3 days ago', { kind: 'purchaseDate', op: 'withinDays', days: 3 }, [1], WINDOW_EDGE],
  ['within 3 days, the order 3 days and a second ago', { kind: 'purchaseDate', op: 'withinDays', days: 3 }, [], JUST_AFTER_WINDOW],
  ['count ≥ 3: continuation counts, purchases without a subscription', { kind: 'purchaseCount', op: 'gte', value: 3 }, [1, 2, 3]],
  ['count = 3 at the threshold', { kind: 'purchaseCount', op: 'eq', value: 3 }, [1, 3]],
  ['count ≤ 2 includes members who never bought', { kind: 'purchaseCount', op: 'lte', value: 2 }, [4, 5, 6]],
  ['count is the highest of several subscriptions', { kind: 'purchaseCount', op: 'eq', value: 5 }, [2]],
  ['count ≥ 6', { kind: 'purchaseCount', op: 'gte', value: 6 }, []],
  ['amount ≥ 5000 at the threshold, over both customer numbers', { kind: 'purchaseAmount', op: 'gte', value: 5000 }, [1, 2]],
  ['amount ≥ 5001', { kind: 'purchaseAmount', op: 'gte', value: 5001 }, [1]],
  ['amount ≤ 3000 at the threshold, cancelled orders left out', { kind: 'purchaseAmount', op: 'lte', value: 3000 }, [3, 4, 5, 6]],
  ['status only active: not with a stopped one beside it', { kind: 'subscriptionStatus', match: 'only', status: 'active' }, [1]],
  ['status contains active: with a stopped one beside it', { kind: 'subscriptionStatus', match: 'contains', status: 'active' }, [1, 2]],
  ['status contains stopped', { kind: 'subscriptionStatus', match: 'contains', status: 'stopped' }, [2]],
  ['status only stopped', { kind: 'subscriptionStatus', match: 'only', status: 'stopped' }, []],
  ['status only paused', { kind: 'subscriptionStatus', match: 'only', status: 'paused' }, [6]],
  ['any operator, a blank one is none', { kind: 'operator' }, [3, 4]],
  ['a named operator', { kind: 'operator', name: '田中' }, [4]],
  ['trigger tag present', { kind: 'triggerTag', tagId: TAG_A, has: true }, [4]],
  ['trigger tag absent', { kind: 'triggerTag', tagId: TAG_A, has: false }, [1, 2, 3, 5, 6]],
  ['cart linked', { kind: 'cartLinked' }, [1, 2, 3, 5, 6]],
];

describe('each condition and operator at its boundaries', () => {
  let db: Db;
  beforeEach(() => {
    db = openReplica();
    seedShop(db);
  });

  it.each(table)('%s', (_name, condition, expected, now) => {
    evaluateAllMembers(db, [rule({ tagId: TARGET, action: 'add', groups: [[condition]] })], { clock: fixedClock(now ?? NOW) });
    expect(tagsOf(db, TARGET)).toEqual(expected);
  });

  // The incremental path reads the same data by other queries (from each member's rows): one member at a time.
  it.each(table)('%s, member by member', (_name, condition, expected, now) => {
    const rules = [rule({ tagId: TARGET, action: 'add', groups: [[condition]] })];
    for (const id of [6, 5, 4, 3, 2, 1]) evaluateMembers(db, rules, [id], { clock: fixedClock(now ?? NOW) });
    expect(tagsOf(db, TARGET)).toEqual(expected);
  });
});

describe("a purchase date in a Taipei shop's days", () => {
  let db: Db;
  beforeEach(() => {
    db = openReplica();
    seedShop(db);
    setShopTimeZone(db, 'Asia/Taipei');
  });

  // M1's order at 00:00 on 11-10 in Japan is 23:00 on 11-09 in Taipei, the day of M2's at 22:59:59 there.
  const taipeiTable: Array<[string, RuleCondition, number[]]> = [
    ['on the Taipei day that holds 23:00 there', { kind: 'purchaseDate', op: 'on', date: '2026-11-09' }, [1, 2]],
    ['on the next Taipei day, which Japan had started an hour before', { kind: 'purchaseDate', op: 'on', date: '2026-11-10' }, []],
    ['before a Taipei midnight', { kind: 'purchaseDate', op: 'before', date: '2026-11-10' }, [1, 2, 3, 6]],
    ['after a Taipei date starts at its next midnight', { kind: 'purchaseDate', op: 'after', date: '2026-11-09' }, [1]],
  ];

  it.each(taipeiTable)('%s', (_name, condition, expected) => {
    evaluateAllMembers(db, [rule({ tagId: TARGET, action: 'add', groups: [[condition]] })], { clock: fixedClock(NOW) });
    expect(tagsOf(db, TARGET)).toEqual(expected);
  });

  it.each(taipeiTable)('%s, member by member', (_name, condition, expected) => {
    const rules = [rule({ tagId: TARGET, action: 'add', groups: [[condition]] })];
    for (const id of [6, 5, 4, 3, 2, 1]) evaluateMembers(db, rules, [id], { clock: fixedClock(NOW) });
    expect(tagsOf(db, TARGET)).toEqual(expected);
  });
});

describe('groups', () => {
  let db: Db;
  beforeEach(() => {
    db = openReplica();
    seedShop(db);
  });

  const groupTable: Array<[string, RuleCondition[][], number[]]> = [
    ['match all: AND within the group', [[{ kind: 'product', by: 'code', op: 'equals', value: 'P-A' }, { kind: 'purchaseCount', op: 'gte', value: 3 }, { kind: 'operator' }]], [3]],
    ['match any: OR over groups', [[{ kind: 'product', by: 'code', op: 'equals', value: 'P-B' }], [{ kind: 'operator', name: '田中' }]], [2, 4]],
    [
      'compound groups: (product and status) or (count and no tag A)',
      [
        [{ kind: 'product', by: 'code', op: 'equals', value: 'P-A' }, { kind: 'subscriptionStatus', match: 'only', status: 'active' }],
        [{ kind: 'purchaseCount', op: 'lte', value: 0 }, { kind: 'triggerTag', tagId: TAG_A, has: false }],
      ],
      [1, 5],
    ],
    ['a group of trigger tags only', [[{ kind: 'triggerTag', tagId: TAG_A, has: true }, { kind: 'operator' }]], [4]],
  ];

  it.each(groupTable)('%s', (_name, groups, expected) => {
    evaluateAllMembers(db, [rule({ tagId: TARGET, action: 'add', groups })], { clock: fixedClock(NOW) });
    expect(tagsOf(db, TARGET)).toEqual(expected);
  });

  it('a remove rule takes the tag from matching members only', () => {
    for (const id of [1, 2, 3]) tagMember(db, id, TARGET);
    evaluateAllMembers(db, [rule({ tagId: TARGET, action: 'remove', groups: [[{ kind: 'subscriptionStatus', match: 'contains', status: 'stopped' }]] })], {
      clock: fixedClock(NOW),
    });
    expect(tagsOf(db, TARGET)).toEqual([1, 3]);
  });
});
