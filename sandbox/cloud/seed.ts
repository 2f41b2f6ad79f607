import { randomUUID } from 'node:crypto';
import type {
  CartCustomerData,
  Change,
  CrosssellConfigData,
  LocRequestData,
  MemberData,
  MemberTagData,
  OrderData,
  OrderItemData,
  ProductData,
  SubscriptionData,
  TagData,
} from '../../electron/core/sync/change-schemas';
import { completionStatuses } from '../../electron/core/sync/change-schemas';
import { createPrng, type Prng } from './prng';
import {
  courseNames,
  displayDecorations,
  emailDomains,
  familyNames,
  givenNames,
  operators,
  orderStatuses,
  productSpecs,
  tagSpecs,
} from './vocabulary';

export interface DemoShopOptions {
  members: number;
  orders: number;
  seed?: number;
  /** Everything in the shop happened before this moment; fixed so the shop is the same every run. */
  asOf?: string;
  /** Issues each LOC request's uid; a fresh random UUID by default. */
  uid?: () => string;
}

export interface DemoShop {
  members: MemberData[];
  cartCustomers: CartCustomerData[];
  products: ProductData[];
  subscriptions: SubscriptionData[];
  orders: OrderData[];
  tags: TagData[];
  memberTags: MemberTagData[];
  crosssellConfigs: CrosssellConfigData[];
  locRequests: LocRequestData[];
}

const DAY = 86_400_000;
const DEFAULT_AS_OF = '2025-06-01T00:00:00.000Z';

/**
 * A deterministic demo shop: the same options give byte-identical data, so tests can count on
 * it and two sandboxes started with the same seed serve the same feed. The LOC requests' uids are
 * the exception unless `uid` fixes them: a cloud issues uids unique across shops and clouds, so two
 * sandboxes whose integer ids collide never share one, as two real clouds would not.
 */
export function generateDemoShop(options: DemoShopOptions): DemoShop {
  const random = createPrng(options.seed ?? 20250601);
  const newUid = options.uid ?? randomUUID;
  const asOf = Date.parse(options.asOf ?? DEFAULT_AS_OF);
  const iso = (ms: number) => new Date(ms).toISOString();
  const past = (minDays: number, maxDays: number) => asOf - random.int(minDays * 24, maxDays * 24) * 3_600_000;
  const updatedAt = iso(asOf - DAY);

  const products = productSpecs.map((spec, index): ProductData => ({ id: index + 1, cart: 'ecforce', ...spec, updatedAt }));
  const singles = products.filter((p) => p.kind === 'single');
  const subscriptionProducts = products.filter((p) => p.kind === 'subscription');

  const members: MemberData[] = [];
  const cartCustomers: CartCustomerData[] = [];
  for (let id = 1; id <= options.members; id += 1) {
    const member = makeMember(random, id, iso(past(30, 1200)), updatedAt);
    members.push(member);
    const links = cartLinkCount(random);
    for (let k = 0; k < links; k += 1) {
      const customerId = cartCustomers.length + 1;
      const shopify = random.chance(0.05);
      cartCustomers.push({
        id: customerId,
        memberId: id,
        cart: shopify ? 'shopify' : 'ecforce',
        customerNumber: shopify ? String(7_000_000_000_000 + customerId) : String(10_000_000 + customerId),
        name: k === 0 ? member.name : `${member.name ?? ''}（別住所）`,
        phone: k === 0 ? member.phone : random.chance(0.5) ? member.phone : null,
        email: member.email,
        updatedAt,
      });
    }
  }

  const subscriptions: SubscriptionData[] = [];
  const orders: OrderData[] = [];
  let subscriptionBudget = cartCustomers.length > 0 ? Math.floor(options.orders * 0.55) : 0;
  for (const customer of cartCustomers) {
    if (!random.chance(0.35)) continue;
    const count = random.chance(0.1) ? 2 : 1;
    for (let k = 0; k < count; k += 1) {
      const product = random.pick(subscriptionProducts);
      const wanted = random.int(1, 24);
      const shipments = Math.min(wanted, subscriptionBudget);
      subscriptionBudget -= shipments;
      const started = past(shipments * 30 + 1, shipments * 30 + 25);
      const roll = random.next();
      const status = roll < 0.6 ? 'active' : roll < 0.75 ? 'paused' : 'stopped';
      const subscription: SubscriptionData = {
        id: subscriptions.length + 1,
        cartCustomerId: customer.id,
        productCode: product.code,
        productName: product.name,
        courseName: random.pick(courseNames),
        status,
        continuationCount: shipments,
        startedAt: iso(started),
        nextShipAt: status === 'active' ? iso(asOf + random.int(1, 30) * DAY) : null,
        stoppedAt: status === 'stopped' ? iso(asOf - random.int(1, 20) * DAY) : null,
        updatedAt,
      };
      subscriptions.push(subscription);
      let parentId: number | null = null;
      for (let n = 0; n < shipments; n += 1) {
        const orderId = orders.length + 1;
        const items = [{ lineNo: 1, productCode: product.code, productName: product.name, quantity: 1, price: product.price }];
        orders.push(makeOrder(random, orderId, customer.id, iso(started + n * 30 * DAY), updatedAt, items, subscription.id, parentId));
        parentId ??= orderId;
      }
    }
  }
  const singleOrders = cartCustomers.length > 0 ? options.orders - orders.length : 0;
  for (let n = 0; n < singleOrders; n += 1) {
    const customer = random.pick(cartCustomers);
    const lines = random.int(1, 3);
    const items: OrderItemData[] = [];
    for (let line = 1; line <= lines; line += 1) {
      const product = random.pick(singles);
      items.push({ lineNo: line, productCode: product.code, productName: product.name, quantity: random.int(1, 2), price: product.price });
    }
    orders.push(makeOrder(random, orders.length + 1, customer.id, iso(past(1, 900)), updatedAt, items, null, null));
  }

  const tags = tagSpecs.map(([name, folder], index): TagData => ({ id: index + 1, name, folder, updatedAt }));
  const memberTags: MemberTagData[] = [];
  for (const member of members) {
    const count = random.chance(0.4) ? random.int(1, 4) : 0;
    const chosen = new Set<number>();
    while (chosen.size < count) chosen.add(random.int(1, tags.length));
    for (const tagId of [...chosen].sort((a, b) => a - b)) {
      const source = random.pick(['cloud', 'cloud', 'cloud', 'rule', 'manual', 'robot'] as const);
      memberTags.push({
        memberId: member.id,
        tagId,
        source,
        sourceDetail: source === 'rule' ? `ルール#${random.int(1, 12)}` : source === 'manual' ? random.pick(operators) : null,
        setAt: iso(past(1, 400)),
      });
    }
  }

  const crosssellConfigs = demoCrosssellConfigs(tags, updatedAt);

  const locRequests: LocRequestData[] = [];
  const linkedMembers = [...new Set(cartCustomers.map((c) => c.memberId))];
  const requestCount = linkedMembers.length === 0 ? 0 : Math.min(200, Math.max(3, Math.floor(options.members / 100)));
  for (let n = 0; n < requestCount; n += 1) {
    const crosssell = random.chance(0.85);
    const config = random.pick(crosssellConfigs);
    const roll = random.next();
    const status = roll < 0.4 ? 'new' : roll < 0.5 ? 'queued' : roll < 0.8 ? 'done' : roll < 0.9 ? 'needs_manual' : 'failed_retryable';
    const requested = past(0, 30);
    locRequests.push({
      id: n + 1,
      uid: newUid(),
      memberId: random.pick(linkedMembers),
      kind: crosssell ? 'crosssell' : 'cancel',
      crosssellConfigId: crosssell ? config.id : null,
      status,
      completionStatus: status === 'done' ? random.pick(completionStatuses) : null,
      note: status === 'needs_manual' ? '商品コードがカートの商品マスタと一致しません' : null,
      robotResult: null,
      lease: null,
      requestedAt: iso(requested),
      completedAt: status === 'done' ? iso(requested + 3_600_000) : null,
      updatedAt: iso(requested + 3_600_000),
    });
  }

  return { members, cartCustomers, products, subscriptions, orders, tags, memberTags, crosssellConfigs, locRequests };
}

/** The shop as a change feed, parents before children so every foreign key resolves in order. */
export function changesOf(shop: DemoShop, firstSeq = 1): Change[] {
  const changes: Change[] = [];
  let seq = firstSeq;
  const push = (change: Omit<Change, 'seq'>) => changes.push({ ...change, seq: seq++ } as Change);
  for (const data of shop.members) push({ entity: 'member', op: 'upsert', data });
  for (const data of shop.cartCustomers) push({ entity: 'cart_customer', op: 'upsert', data });
  for (const data of shop.products) push({ entity: 'product', op: 'upsert', data });
  for (const data of shop.subscriptions) push({ entity: 'subscription', op: 'upsert', data });
  for (const data of shop.orders) push({ entity: 'order', op: 'upsert', data });
  for (const data of shop.tags) push({ entity: 'tag', op: 'upsert', data });
  for (const data of shop.memberTags) push({ entity: 'member_tag', op: 'upsert', data });
  for (const data of shop.crosssellConfigs) push({ entity: 'crosssell_config', op: 'upsert', data });
  for (const data of shop.locRequests) push({ entity: 'loc_request', op: 'upsert', data });
  return changes;
}

function cartLinkCount(random: Prng): number {
  const roll = random.next();
  return roll < 0.12 ? 0 : roll < 0.8 ? 1 : roll < 0.95 ? 2 : 3;
}

function makeMember(random: Prng, id: number, followedAt: string, updatedAt: string): MemberData {
  const [family, familyKana, familyRoman] = random.pick(familyNames);
  const [given, givenKana, givenRoman] = random.pick(givenNames);
  const separator = random.chance(0.3) ? '　' : ' ';
  const hasPhone = random.chance(0.9);
  const digits = `${random.pick(['090', '080', '070'])}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
  const phone = hasPhone ? (random.chance(0.7) ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}` : digits) : null;
  const email = random.chance(0.85)
    ? `${givenRoman.toLowerCase()}.${familyRoman.toLowerCase()}${id}@${random.pick(emailDomains)}`
    : null;
  return {
    id,
    lineUserId: `U${random.hex(32)}`,
    displayName: displayName(random, family, given, givenKana, givenRoman),
    name: `${family}${separator}${given}`,
    nameKana: `${familyKana}${separator}${givenKana}`,
    phone,
    email,
    operator: random.chance(0.3) ? random.pick(operators) : null,
    followedAt,
    updatedAt,
  };
}

function displayName(random: Prng, family: string, given: string, givenKana: string, givenRoman: string): string {
  switch (random.int(0, 5)) {
    case 0:
      return `${family} ${given}`;
    case 1:
      return givenKana;
    case 2:
      return givenRoman;
    case 3:
      return toFullWidth(givenRoman.toUpperCase());
    case 4:
      return `${given}${random.pick(displayDecorations)}`;
    default:
      return `${givenKana}ママ${random.pick(displayDecorations)}`;
  }
}

function toFullWidth(ascii: string): string {
  return ascii.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function makeOrder(
  random: Prng,
  id: number,
  cartCustomerId: number,
  orderedAt: string,
  updatedAt: string,
  items: OrderItemData[],
  subscriptionId: number | null,
  parentOrderId: number | null,
): OrderData {
  return {
    id,
    cartCustomerId,
    orderNumber: String(1_000_000_000 + id),
    parentOrderId,
    subscriptionId,
    status: random.pick(orderStatuses),
    total: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
    orderedAt,
    updatedAt,
    items,
  };
}

/** The shop's two one-tap cross-sells: a single product, and a subscription that replaces the running ones. */
export function demoCrosssellConfigs(tags: readonly TagData[], updatedAt: string): CrosssellConfigData[] {
  const tagId = (name: string) => tags.find((t) => t.name === name)?.id ?? 1;
  return [
    {
      id: 1,
      name: '美容液購入者へ化粧水クロスセル',
      cart: 'ecforce',
      cartLoginRef: 'ecforce-main',
      productName: '保湿化粧水 150mL',
      productCode: 'SKN-002',
      kind: 'single',
      memoWrites: [{ field: 'order_memo', text: 'LINEワンタップクロスセル（化粧水）' }],
      tagsAdd: [tagId('クロスセル受付済')],
      tagsRemove: [tagId('クロスセル案内済')],
      messageTemplate: '{カート顧客名}様\nご注文ありがとうございます。「{カート側商品名}」を承りました🌸',
      stopRunningSubscriptions: false,
      updatedAt,
    },
    {
      id: 2,
      name: '青汁定期への乗り換え',
      cart: 'ecforce',
      cartLoginRef: 'ecforce-main',
      productName: '【定期】青汁 30包',
      productCode: 'SUB-HLT-001',
      kind: 'subscription',
      memoWrites: [
        { field: 'order_memo', text: 'LINEワンタップ定期乗り換え' },
        { field: 'subscription_memo', text: '旧定期は停止済み' },
      ],
      tagsAdd: [tagId('クロスセル受付済')],
      tagsRemove: [],
      messageTemplate: '{カート顧客名}様\n定期便のお申し込みありがとうございます。',
      stopRunningSubscriptions: true,
      updatedAt,
    },
  ];
}
