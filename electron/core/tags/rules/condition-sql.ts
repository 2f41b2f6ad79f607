import { SECONDS_PER_DAY, tokyoDay } from './japan-time';
import type { RuleCondition } from './rule-schema';

/**
 * Each condition that reads the member's data (everything but trigger tags) becomes one SELECT of
 * member ids, run once per evaluation into a temp table. Full evaluations read the tables whole;
 * incremental ones start from temp.tr_scope (the members asked for) and follow the indexes.
 *
 * What counts as a purchase: an order or child order (order_items of either) that is not
 * cancelled, on any of the member's cart customers, so a member with several customer numbers is
 * judged on all of them. The subscription's registered product is never read (seed 002).
 */
export type DataCondition = Exclude<RuleCondition, { kind: 'triggerTag' }>;

export interface ConditionQuery {
  sql: string;
  params: Array<string | number>;
}

export interface ConditionContext {
  /** Every member (true) or only those in temp.tr_scope. */
  full: boolean;
  /** "Now" for withinDays, from the evaluation's clock. */
  nowSeconds: number;
}

const LIVE_ORDER = `o.status <> 'cancelled'`;

/**
 * Incremental runs name their join order with CROSS JOIN (SQLite keeps it as written): the temp
 * scope has no statistics, and the planner would otherwise scan a whole table for a few members.
 */
function customers(full: boolean): string {
  return full ? 'cart_customers cc' : 'temp.tr_scope sc CROSS JOIN cart_customers cc ON cc.member_id = sc.member_id';
}

function join(full: boolean): string {
  return full ? 'JOIN' : 'CROSS JOIN';
}

function orders(full: boolean): string {
  return `${customers(full)} ${join(full)} orders o ON o.cart_customer_id = cc.id`;
}

function textMatch(column: string, op: 'equals' | 'contains'): string {
  return op === 'equals' ? `${column} = ?` : `instr(${column}, ?) > 0`;
}

/** Purchase count: the highest continuation count of the member's subscriptions; with none, the number of purchases. */
export const PURCHASE_COUNT = 'coalesce(f.max_continuation, f.purchases)';

export function dataConditionQuery(c: DataCondition, ctx: ConditionContext): ConditionQuery {
  switch (c.kind) {
    case 'courseName':
      // A child order carries its subscription; where it does not, its parent's counts.
      return {
        sql: `SELECT DISTINCT cc.member_id FROM ${orders(ctx.full)}
              ${join(ctx.full)} subscriptions s ON s.id = coalesce(o.subscription_id, (SELECT p.subscription_id FROM orders p WHERE p.id = o.parent_order_id))
              WHERE ${LIVE_ORDER} AND ${textMatch('s.course_name', c.op)}`,
        params: [c.value],
      };
    case 'product':
      return {
        sql: `SELECT DISTINCT cc.member_id FROM ${orders(ctx.full)} ${join(ctx.full)} order_items i ON i.order_id = o.id
              WHERE ${LIVE_ORDER} AND ${textMatch(c.by === 'code' ? 'i.product_code' : 'i.product_name', c.op)}`,
        params: [c.value],
      };
    case 'purchaseDate': {
      const [from, to] = dateRange(c, ctx.nowSeconds);
      return {
        sql: `SELECT DISTINCT cc.member_id FROM ${orders(ctx.full)}
              WHERE ${LIVE_ORDER} AND unixepoch(o.ordered_at) >= ? AND unixepoch(o.ordered_at) < ?`,
        params: [from, to],
      };
    }
    case 'purchaseCount': {
      const op = c.op === 'gte' ? '>=' : c.op === 'lte' ? '<=' : '=';
      return { sql: `SELECT f.member_id FROM temp.tr_facts f WHERE ${PURCHASE_COUNT} ${op} ?`, params: [c.value] };
    }
    case 'purchaseAmount':
      return { sql: `SELECT f.member_id FROM temp.tr_facts f WHERE f.amount ${c.op === 'gte' ? '>=' : '<='} ?`, params: [c.value] };
    case 'subscriptionStatus': {
      const subs = `${customers(ctx.full)} ${join(ctx.full)} subscriptions s ON s.cart_customer_id = cc.id`;
      return c.match === 'contains'
        ? { sql: `SELECT DISTINCT cc.member_id FROM ${subs} WHERE s.status = ?`, params: [c.status] }
        : { sql: `SELECT cc.member_id FROM ${subs} GROUP BY cc.member_id HAVING min(s.status = ?) = 1`, params: [c.status] };
    }
    case 'operator': {
      const from = ctx.full ? 'members m' : 'temp.tr_scope sc CROSS JOIN members m ON m.id = sc.member_id';
      return c.name === undefined
        ? { sql: `SELECT m.id AS member_id FROM ${from} WHERE trim(coalesce(m.operator, '')) <> ''`, params: [] }
        : { sql: `SELECT m.id AS member_id FROM ${from} WHERE trim(m.operator) = ?`, params: [c.name] };
    }
    case 'cartLinked':
      return { sql: `SELECT DISTINCT cc.member_id FROM ${customers(ctx.full)}`, params: [] };
  }
}

/**
 * [from, to) in epoch seconds. Japan dates: "on" is that Japan day, "before" ends at its
 * midnight, "after" starts at the next midnight. withinDays is the last N×24 hours up to now.
 */
function dateRange(c: Extract<DataCondition, { kind: 'purchaseDate' }>, now: number): [number, number] {
  const far = Number.MAX_SAFE_INTEGER;
  if (c.op === 'withinDays') return [now - c.days * SECONDS_PER_DAY, now + 1];
  const [start, end] = tokyoDay(c.date);
  if (c.op === 'on') return [start, end];
  if (c.op === 'before') return [-far, start];
  return [end, far];
}

/** The per-member sums the count and amount conditions read, for every member in scope (zero without purchases). */
export function factsQuery(full: boolean): string {
  const members = full ? 'members m' : 'temp.tr_scope sc CROSS JOIN members m ON m.id = sc.member_id';
  return `INSERT INTO temp.tr_facts (member_id, amount, purchases, max_continuation)
    SELECT m.id,
      coalesce((SELECT sum(o.total) FROM cart_customers cc JOIN orders o ON o.cart_customer_id = cc.id WHERE cc.member_id = m.id AND ${LIVE_ORDER}), 0),
      (SELECT count(*) FROM cart_customers cc JOIN orders o ON o.cart_customer_id = cc.id WHERE cc.member_id = m.id AND ${LIVE_ORDER}),
      (SELECT max(s.continuation_count) FROM cart_customers cc JOIN subscriptions s ON s.cart_customer_id = cc.id WHERE cc.member_id = m.id)
    FROM ${members}`;
}
