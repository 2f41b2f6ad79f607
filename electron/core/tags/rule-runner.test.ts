import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { createEventBus, type EventBus } from '../events';
import { applyPage } from '../sync/apply';
import { insertCartCustomer, insertMember, insertTag } from '../../../test/fixtures/replica';
import { createRuleRunner, quarterHourSlot, type RuleRunner } from './rule-runner';
import { openReplica, rule, tagsOf } from './rules/rule-test-support';

const BUYER = 1;
const rules = [rule({ id: 1, name: 'P-A購入者', tagId: BUYER, action: 'add', groups: [[{ kind: 'product', by: 'code', op: 'equals', value: 'P-A' }]] })];

describe('the rule runner', () => {
  let db: Db;
  let events: EventBus;
  let runner: RuleRunner;
  let nowMs: number;
  let loads: number;

  beforeEach(() => {
    db = openReplica();
    events = createEventBus();
    nowMs = Date.parse('2026-11-23T03:14:00.000Z');
    loads = 0;
    insertTag(db, BUYER, '購入者');
    insertMember(db, { id: 1, displayName: 'M1' });
    insertCartCustomer(db, { id: 11, memberId: 1, customerNumber: 'C11' });
    runner = createRuleRunner({
      db,
      events,
      clock: { now: () => new Date(nowMs) },
      loadRules: () => {
        loads += 1;
        return rules;
      },
    });
  });
  afterEach(() => runner.stop());

  it('tags a member as soon as a new order arrives through sync', async () => {
    runner.start();
    const tagged = new Promise<number[]>((resolve) => {
      events.on('members.changed', ({ ids }) => {
        if (tagsOf(db, BUYER).includes(1)) resolve(ids);
      });
    });
    applyPage(
      db,
      {
        changes: [
          {
            seq: 1,
            entity: 'order',
            op: 'upsert',
            data: {
              id: 100, cartCustomerId: 11, orderNumber: 'O100', parentOrderId: null, subscriptionId: null, status: 'shipped', total: 3000,
              orderedAt: '2026-11-23T03:10:00.000Z', updatedAt: '2026-11-23T03:10:00.000Z',
              items: [{ lineNo: 1, productCode: 'P-A', productName: 'A', quantity: 1, price: 3000 }],
            },
          },
        ],
        next: 1,
        head: 1,
        hasMore: false,
      },
      { clock: { now: () => new Date(nowMs) }, events },
    );
    expect(await tagged).toEqual([1]);
    expect(db.prepare("SELECT kind FROM outbox").pluck().all()).toEqual(['memberTag.add']);
  });

  it("evaluates a changed member once: its own announcement of the new tag is not new work", () => {
    runner.start();
    db.prepare(`INSERT INTO orders (id, cart_customer_id, order_number, status, total, ordered_at, updated_at)
                VALUES (100, 11, 'O100', 'shipped', 3000, '2026-11-23T03:10:00.000Z', '2026-11-23T03:10:00.000Z')`).run();
    db.prepare(`INSERT INTO order_items (order_id, line_no, product_code, product_name, quantity, price) VALUES (100, 1, 'P-A', 'A', 1, 3000)`).run();
    const announced: number[][] = [];
    events.on('members.changed', ({ ids }) => announced.push(ids));
    events.emit('members.changed', { ids: [1] });
    expect(tagsOf(db, BUYER)).toEqual([1]);
    expect(announced).toEqual([[1], [1]]);
    expect(loads).toBe(1);
  });

  it('announces a run that changed more members than an event should list as all of them', () => {
    insertMember(db, { id: 2, displayName: 'M2' });
    insertCartCustomer(db, { id: 12, memberId: 2, customerNumber: 'C12' });
    [11, 12].forEach((customer, i) => {
      db.prepare(`INSERT INTO orders (id, cart_customer_id, order_number, status, total, ordered_at, updated_at)
                  VALUES (?, ?, ?, 'shipped', 3000, '2026-11-23T03:10:00.000Z', '2026-11-23T03:10:00.000Z')`).run(100 + i, customer, `O${100 + i}`);
      db.prepare(`INSERT INTO order_items (order_id, line_no, product_code, product_name, quantity, price) VALUES (?, 1, 'P-A', 'A', 1, 3000)`).run(100 + i);
    });
    const small = createRuleRunner({ db, events, clock: { now: () => new Date(nowMs) }, loadRules: () => rules, announceLimit: 1 });
    small.start();
    const announced: Array<{ ids: number[]; all?: true }> = [];
    events.on('members.changed', (event) => announced.push(event));
    try {
      expect(small.runAll().memberIds).toEqual([1, 2]);
    } finally {
      small.stop();
    }
    expect(announced).toEqual([{ ids: [], all: true }]);
    expect(tagsOf(db, BUYER)).toEqual([1, 2]);
  });

  it('runs at each quarter hour and once for the quarters missed while asleep', () => {
    expect(runner.runIfDue()).not.toBeNull();
    expect(runner.runIfDue()).toBeNull();
    nowMs += 60_000; // 03:15, a new quarter
    expect(runner.runIfDue()).not.toBeNull();
    nowMs += 14 * 60_000; // 03:29, same quarter
    expect(runner.runIfDue()).toBeNull();
    nowMs += 3 * 3600_000; // asleep for three hours
    expect(runner.runIfDue()).not.toBeNull();
    expect(runner.runIfDue()).toBeNull();
    expect(loads).toBe(3);
  });

  it('counts quarters on Japan time boundaries', () => {
    expect(quarterHourSlot(new Date('2026-11-23T08:59:59.999+09:00'))).toBe(quarterHourSlot(new Date('2026-11-23T08:45:00+09:00')));
    expect(quarterHourSlot(new Date('2026-11-23T09:00:00+09:00'))).toBe(quarterHourSlot(new Date('2026-11-23T08:45:00+09:00')) + 1);
  });
});
