import { SECONDS_PER_DAY } from '../../japan-time';
import { zonedDay } from '../../shop/zone-days';
import { subscriptionStatuses } from '../../sync/change-schemas';
import type { RuleCondition } from './rule-schema';

/**
 * Each condition that reads the member's data (everything but trigger tags) becomes one SELECT of
 * member ids, run once per evaluation. Full evaluations read the tables whole; incremental ones
 * start from temp.tr_scope (the members asked for) and follow the indexes. Conditions that several
 * rules tend to share read per-member figures computed once per evaluation (factsStatements,
 * coursesStatement) instead of scanning the orders each.
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
  /** The shop's time zone, whose day a purchase date names (shop/time-zone.ts). */
  timeZone: string;
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
      return { sql: `SELECT DISTINCT member_id FROM temp.tr_courses WHERE ${textMatch('course_name', c.op)}`, params: [c.value] };
    case 'product':
      // Full evaluations use PRODUCT_KEYS_QUERY; members in scope read their items once (itemsStatement).
      return {
        sql: `SELECT DISTINCT member_id FROM temp.tr_items WHERE ${textMatch(c.by === 'code' ? 'product_code' : 'product_name', c.op)}`,
        params: [c.value],
      };
    case 'purchaseDate':
      return purchaseDateQuery(c, ctx);
    case 'purchaseCount': {
      const op = c.op === 'gte' ? '>=' : c.op === 'lte' ? '<=' : '=';
      return { sql: `SELECT f.member_id FROM temp.tr_facts f WHERE ${PURCHASE_COUNT} ${op} ?`, params: [c.value] };
    }
    case 'purchaseAmount':
      return { sql: `SELECT f.member_id FROM temp.tr_facts f WHERE f.amount ${c.op === 'gte' ? '>=' : '<='} ?`, params: [c.value] };
    case 'subscriptionStatus': {
      const bit = statusBit(c.status);
      return c.match === 'contains'
        ? { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE (f.statuses & ?) <> 0', params: [bit] }
        : { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE f.statuses = ?', params: [bit] };
    }
    case 'operator': {
      const from = ctx.full ? 'members m' : 'temp.tr_scope sc CROSS JOIN members m ON m.id = sc.member_id';
      return c.name === undefined
        ? { sql: `SELECT m.id AS member_id FROM ${from} WHERE trim(coalesce(m.operator, '')) <> ''`, params: [] }
        : { sql: `SELECT m.id AS member_id FROM ${from} WHERE trim(m.operator) = ?`, params: [c.name] };
    }
    case 'cartLinked':
      return { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE f.customers > 0', params: [] };
  }
}

export interface ProductKey {
  code: string;
  name: string;
}

/** Every product on an order item, as code and name: a scan of the order_items_product index alone. */
export const PRODUCT_KEYS = 'SELECT DISTINCT product_code AS code, product_name AS name FROM order_items';

/** Whether an item's product meets a product condition, as the SQL of dataConditionQuery decides it. */
export function productMatches(c: Extract<DataCondition, { kind: 'product' }>, key: ProductKey): boolean {
  const text = c.by === 'code' ? key.code : key.name;
  return c.op === 'equals' ? text === c.value : text.includes(c.value);
}

/**
 * A full evaluation's product condition: the members with a purchase of one of the given products
 * (a JSON array of [code, name]), reading only those products' items through order_items_product
 * rather than testing every item's name.
 */
export const PRODUCT_KEYS_QUERY = `SELECT DISTINCT cc.member_id FROM json_each(?) p
  CROSS JOIN order_items i ON i.product_code = p.value ->> 0 AND i.product_name = p.value ->> 1
  JOIN orders o ON o.id = i.order_id JOIN cart_customers cc ON cc.id = o.cart_customer_id
  WHERE ${LIVE_ORDER}`;

/** Whether the condition reads temp.tr_facts (factsStatements fills it once per evaluation). */
export function readsFacts(c: DataCondition): boolean {
  return !(c.kind === 'product' || c.kind === 'operator' || c.kind === 'courseName' || (c.kind === 'purchaseDate' && c.op === 'on'));
}

/**
 * A purchase on a day of the shop's time zone needs the orders themselves; before, after and within read the
 * member's first purchase, last purchase and last purchase up to now from temp.tr_facts.
 * Ranges are [from, to) in epoch seconds: "before" ends at the day's midnight, "after" starts at
 * the next midnight, withinDays is the last N×24 hours up to now.
 */
function purchaseDateQuery(c: Extract<DataCondition, { kind: 'purchaseDate' }>, ctx: ConditionContext): ConditionQuery {
  if (c.op === 'withinDays') return { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE f.last_due >= ?', params: [ctx.nowSeconds - c.days * SECONDS_PER_DAY] };
  const [start, end] = zonedDay(c.date, ctx.timeZone);
  if (c.op === 'before') return { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE f.first_at < ?', params: [start] };
  if (c.op === 'after') return { sql: 'SELECT f.member_id FROM temp.tr_facts f WHERE f.last_at >= ?', params: [end] };
  return {
    sql: `SELECT DISTINCT cc.member_id FROM ${orders(ctx.full)}
          WHERE ${LIVE_ORDER} AND unixepoch(o.ordered_at) >= ? AND unixepoch(o.ordered_at) < ?`,
    params: [start, end],
  };
}

function statusBit(status: (typeof subscriptionStatuses)[number]): number {
  return 1 << subscriptionStatuses.indexOf(status);
}

/**
 * What the count, amount, date, status and cart-link conditions read, per member in scope, in
 * three passes instead of one scan of the orders per condition: the purchases (sum, count, first,
 * last, last up to now), the cart customers and their subscriptions (count, highest continuation
 * count, the statuses present as bits), then a zero row for members with neither.
 */
export function factsStatements(full: boolean): string[] {
  const statuses = subscriptionStatuses.map((s, i) => `WHEN '${s}' THEN ${1 << i}`).join(' ');
  return [
    `INSERT INTO temp.tr_facts (member_id, amount, purchases, first_at, last_at, last_due)
     SELECT member_id, sum(total), count(*), min(t), max(t), max(CASE WHEN t <= @now THEN t END)
     FROM (SELECT cc.member_id, o.total, unixepoch(o.ordered_at) AS t FROM ${orders(full)} WHERE ${LIVE_ORDER})
     GROUP BY member_id`,
    `INSERT INTO temp.tr_facts (member_id, customers, max_continuation, statuses)
     SELECT cc.member_id, count(DISTINCT cc.id), max(s.continuation_count), coalesce(sum(DISTINCT CASE s.status ${statuses} END), 0)
     FROM ${customers(full)} LEFT JOIN subscriptions s ON s.cart_customer_id = cc.id
     WHERE true GROUP BY cc.member_id
     ON CONFLICT (member_id) DO UPDATE SET customers = excluded.customers, max_continuation = excluded.max_continuation, statuses = excluded.statuses`,
    'INSERT OR IGNORE INTO temp.tr_facts (member_id) SELECT member_id FROM temp.tr_scope',
  ];
}

/**
 * The products the members in scope bought, read once per incremental evaluation for every
 * product condition, instead of walking each member's orders and items once per condition.
 */
export const ITEMS_STATEMENT = `INSERT INTO temp.tr_items (member_id, product_code, product_name)
  SELECT DISTINCT cc.member_id, i.product_code, i.product_name FROM ${orders(false)} CROSS JOIN order_items i ON i.order_id = o.id
  WHERE ${LIVE_ORDER}`;

/**
 * The courses each member bought, once per evaluation, for every course condition to read: a
 * child order carries its subscription; where it does not, its parent's counts.
 */
export function coursesStatement(full: boolean): string {
  return `INSERT OR IGNORE INTO temp.tr_courses (course_name, member_id)
    SELECT s.course_name, cc.member_id FROM ${orders(full)}
    ${join(full)} subscriptions s ON s.id = coalesce(o.subscription_id, (SELECT p.subscription_id FROM orders p WHERE p.id = o.parent_order_id))
    WHERE ${LIVE_ORDER} AND s.course_name IS NOT NULL`;
}
