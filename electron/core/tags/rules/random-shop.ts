import type { Db } from '../../db/open';
import { findRuleCycles } from './rule-cycles';
import type { RuleCondition, TagRule } from './rule-schema';

/**
 * A randomized shop and rule set from a fixed seed, for the engine's property test and the tags
 * benchmark: members with 0–3 customer numbers, subscriptions in every status, orders and child
 * orders with items, cancelled orders, operators and tags. Rows go straight into the replica's
 * tables, as the pull would leave them.
 */

export interface RandomShopOptions {
  members: number;
  /** Orders and child orders, spread over the members' customer numbers. */
  orders: number;
  seed: number;
  /** Orders fall in the two years up to this instant. */
  now: Date;
  /** Members to generate per transaction. */
  chunk?: number;
}

export interface Random {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** mulberry32: small, fast and the same on every machine. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export const SHOP_TAGS = 24;
export const OPERATORS = ['田中', '佐藤', '鈴木'] as const;
export const PRODUCTS: ReadonlyArray<readonly [string, string]> = Array.from({ length: 30 }, (_, i) => [
  `P-${String(i + 1).padStart(3, '0')}`,
  `${['ビタミン', '青汁', '酵素', '化粧水', '美容液', '黒酢'][i % 6]} ${i + 1}号`,
]);
export const COURSES = ['ビタミンコース', '青汁コース', '酵素コース', '美容液定期コース'] as const;
const STATUSES = ['active', 'active', 'paused', 'stopped', 'cancelled'] as const;
const DAY_MS = 86_400_000;

export interface ShopIds {
  members: number;
  customers: number;
  orders: number;
  subscriptions: number;
}

/** Fills an empty replica. Returns the highest ids used, so a test can add more rows after. */
export function generateShop(db: Db, options: RandomShopOptions): ShopIds {
  const random = createRandom(options.seed);
  const at = options.now.toISOString();
  const s = {
    tag: db.prepare('INSERT INTO tags (id, name, updated_at) VALUES (?, ?, ?)'),
    member: db.prepare(
      `INSERT INTO members (id, line_user_id, display_name, operator, updated_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    customer: db.prepare(`INSERT INTO cart_customers (id, member_id, cart, customer_number, updated_at) VALUES (?, ?, 'ecforce', ?, ?)`),
    memberTag: db.prepare(`INSERT OR IGNORE INTO member_tags (member_id, tag_id, source, set_at) VALUES (?, ?, 'cloud', ?)`),
  };
  for (let t = 1; t <= SHOP_TAGS; t += 1) s.tag.run(t, `タグ${t}`, at);
  const ids: ShopIds = { members: 0, customers: 0, orders: 0, subscriptions: 0 };
  const ordersPerMember = options.orders / options.members;
  const chunk = options.chunk ?? 20_000;
  const writer = shopWriter(db, random, options.now, ids);
  const fill = db.transaction((from: number, to: number) => {
    for (let id = from; id <= to; id += 1) {
      ids.members = id;
      s.member.run(id, `U${id.toString(16).padStart(32, '0')}`, `会員${id}`, random.chance(0.3) ? random.pick(OPERATORS) : null, at);
      if (random.chance(0.15)) s.memberTag.run(id, random.int(1, SHOP_TAGS), at);
      const roll = random.next();
      const customers = roll < 0.12 ? 0 : roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
      if (customers === 0) continue;
      // Members without a customer number have no orders: give the others their share.
      let remaining = Math.max(0, Math.round((ordersPerMember / 0.88) * (0.5 + random.next())));
      for (let c = 0; c < customers; c += 1) {
        ids.customers += 1;
        s.customer.run(ids.customers, id, `C${ids.customers}`, at);
        const mine = c === customers - 1 ? remaining : random.int(0, remaining);
        remaining -= mine;
        writer.customer(ids.customers, mine);
      }
    }
  });
  for (let from = 1; from <= options.members; from += chunk) fill(from, Math.min(options.members, from + chunk - 1));
  return ids;
}

interface ShopWriter {
  /** Writes `orders` orders and child orders for one customer number, some under a subscription. */
  customer(customerId: number, orders: number): void;
}

export function shopWriter(db: Db, random: Random, now: Date, ids: ShopIds): ShopWriter {
  const at = now.toISOString();
  const subscription = db.prepare(
    `INSERT INTO subscriptions (id, cart_customer_id, product_code, product_name, course_name, status, continuation_count, started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const order = db.prepare(
    `INSERT INTO orders (id, cart_customer_id, order_number, parent_order_id, subscription_id, status, total, ordered_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const item = db.prepare('INSERT INTO order_items (order_id, line_no, product_code, product_name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)');
  const when = () => new Date(now.getTime() - random.int(0, 730 * 86_400) * 1000).toISOString();

  const writeOrder = (customerId: number, parent: number | null, subscriptionId: number | null, orderedAt: string): number => {
    ids.orders += 1;
    const lines = random.int(1, 2);
    let total = 0;
    const chosen = Array.from({ length: lines }, () => random.pick(PRODUCTS));
    const prices = chosen.map(() => random.int(5, 60) * 100);
    for (const p of prices) total += p;
    const status = random.chance(0.06) ? 'cancelled' : 'shipped';
    order.run(ids.orders, customerId, `O${ids.orders}`, parent, subscriptionId, status, total, orderedAt, at);
    chosen.forEach(([code, name], i) => item.run(ids.orders, i + 1, code, name, 1, prices[i]!));
    return ids.orders;
  };

  return {
    customer(customerId, orders) {
      let left = orders;
      const subs = random.chance(0.45) ? (random.chance(0.25) ? 2 : 1) : 0;
      for (let k = 0; k < subs; k += 1) {
        ids.subscriptions += 1;
        const [code, name] = random.pick(PRODUCTS);
        const startedMs = now.getTime() - random.int(30, 700) * DAY_MS;
        subscription.run(ids.subscriptions, customerId, code, name, random.pick(COURSES), random.pick(STATUSES), random.int(0, 12), new Date(startedMs).toISOString(), at);
        if (left === 0) continue;
        // The subscription's first order, then its shipments as child orders a month apart.
        const parent = writeOrder(customerId, null, ids.subscriptions, new Date(startedMs).toISOString());
        left -= 1;
        const children = random.int(0, Math.min(left, 6));
        for (let n = 1; n <= children; n += 1) {
          const shipped = Math.min(now.getTime(), startedMs + n * 30 * DAY_MS);
          writeOrder(customerId, parent, random.chance(0.8) ? ids.subscriptions : null, new Date(shipped).toISOString());
        }
        left -= children;
      }
      for (; left > 0; left -= 1) writeOrder(customerId, null, null, when());
    },
  };
}

/** A random condition of the given kind, with values the shop above makes likely to match some members. */
export function randomCondition(random: Random, kind: RuleCondition['kind']): RuleCondition {
  switch (kind) {
    case 'courseName':
      return random.chance(0.5) ? { kind, op: 'equals', value: random.pick(COURSES) } : { kind, op: 'contains', value: random.pick(['青汁', '定期', 'ビタミン']) };
    case 'product': {
      const [code, name] = random.pick(PRODUCTS);
      if (random.chance(0.5)) return { kind, by: 'code', op: 'equals', value: code };
      return random.chance(0.5) ? { kind, by: 'name', op: 'equals', value: name } : { kind, by: 'name', op: 'contains', value: name.split(' ')[0]! };
    }
    case 'purchaseDate': {
      if (random.chance(0.3)) return { kind, op: 'withinDays', days: random.int(7, 120) };
      const date = new Date(Date.UTC(2025, random.int(0, 21), random.int(1, 28))).toISOString().slice(0, 10);
      return { kind, op: random.pick(['on', 'before', 'after'] as const), date };
    }
    case 'purchaseCount':
      return { kind, op: random.pick(['gte', 'lte', 'eq'] as const), value: random.int(0, 8) };
    case 'purchaseAmount':
      return { kind, op: random.pick(['gte', 'lte'] as const), value: random.int(0, 40) * 1000 };
    case 'subscriptionStatus':
      return { kind, match: random.pick(['only', 'contains'] as const), status: random.pick(STATUSES) };
    case 'operator':
      return random.chance(0.5) ? { kind } : { kind, name: random.pick(OPERATORS) };
    case 'triggerTag':
      return { kind, tagId: random.int(1, SHOP_TAGS), has: random.chance(0.7) };
    case 'cartLinked':
      return { kind };
  }
}

export const CONDITION_KINDS: ReadonlyArray<RuleCondition['kind']> = [
  'courseName', 'product', 'purchaseDate', 'purchaseCount', 'purchaseAmount', 'subscriptionStatus', 'operator', 'triggerTag', 'cartLinked',
];

/**
 * `count` rules over every condition kind (each kind leads at least one rule), with match all,
 * match any and compound groups, kept only while the set has no fight, as a save would require.
 */
export function generateRules(random: Random, count: number, start = new Date('2026-01-01T00:00:00Z')): TagRule[] {
  const rules: TagRule[] = [];
  let attempt = 0;
  while (rules.length < count && attempt < count * 50) {
    attempt += 1;
    const id = rules.length + 1;
    const lead = CONDITION_KINDS[(id - 1) % CONDITION_KINDS.length]!;
    const match = random.chance(0.5) ? 'all' : 'any';
    const groupCount = match === 'all' ? 1 : random.int(1, 3);
    const groups = Array.from({ length: groupCount }, (_, g) => {
      const size = random.int(1, 3);
      return Array.from({ length: size }, (_, k) => randomCondition(random, g === 0 && k === 0 ? lead : random.pick(CONDITION_KINDS)));
    });
    const createdAt = new Date(start.getTime() + id * 60_000).toISOString();
    const candidate: TagRule = {
      id,
      name: `ルール${id}`,
      tagId: random.int(1, SHOP_TAGS),
      action: random.chance(0.7) ? 'add' : 'remove',
      match,
      groups,
      enabled: true,
      createdAt,
      updatedAt: createdAt,
    };
    if (findRuleCycles([...rules, candidate]).length === 0) rules.push(candidate);
  }
  return rules;
}
