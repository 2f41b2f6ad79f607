import type { Db } from '../db/open';
import { tagHistoryWriter } from '../db/queries/tag-history-writes';
import type {
  CartCustomerData,
  CrosssellConfigData,
  Entity,
  EntityPayloads,
  LocRequestData,
  MemberData,
  MemberTagData,
  MemberTagDeleteData,
  OrderData,
  OrderItemData,
  ProductData,
  SubscriptionData,
  TagData,
  TagRuleData,
} from './change-schemas';

/** What one applied change touched, so the page can tell the UI which members and requests to refresh. */
export interface Touched {
  memberIds: Set<number>;
  locIds: Set<number>;
  /** Orders and subscriptions name a cart customer; their members are looked up once per page. */
  cartCustomerIds: Set<number>;
  tagRuleIds: Set<number>;
}

type Writer<E extends Entity> = {
  upsert(data: EntityPayloads[E]['upsert'], touched: Touched, now: string): void;
  delete(data: EntityPayloads[E]['delete'], touched: Touched, now: string): void;
};
export type Writers = { [E in Entity]: Writer<E> };

/**
 * An upsert that writes nothing when the row already holds these values, so pulling the same
 * data twice changes nothing (no row rewrite, no search-index trigger, no history).
 */
function upsertSql(table: string, key: string[], columns: string[]): string {
  const rest = columns.filter((c) => !key.includes(c));
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${rest.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE (${rest.map((c) => `${table}.${c}`).join(', ')}) IS NOT (${rest.map((c) => `excluded.${c}`).join(', ')})`;
}

const nul = <T>(value: T | null | undefined): T | null => value ?? null;

const cache = new WeakMap<Db, Writers>();

/** Statements are prepared once per database and reused for every change of every page. */
export function writersFor(db: Db): Writers {
  let writers = cache.get(db);
  if (!writers) {
    writers = createWriters(db);
    cache.set(db, writers);
  }
  return writers;
}

function createWriters(db: Db): Writers {
  const history = tagHistoryWriter(db);
  const byId = (table: string) => db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  const s = {
    member: db.prepare(
      upsertSql('members', ['id'], ['id', 'line_user_id', 'display_name', 'name', 'name_kana', 'phone', 'email', 'operator', 'followed_at', 'updated_at']),
    ),
    memberDelete: byId('members'),
    cartCustomer: db.prepare(
      upsertSql('cart_customers', ['id'], ['id', 'member_id', 'cart', 'customer_number', 'name', 'phone', 'email', 'updated_at']),
    ),
    cartCustomerDelete: db.prepare('DELETE FROM cart_customers WHERE id = ? RETURNING member_id').pluck(),
    product: db.prepare(upsertSql('products', ['id'], ['id', 'cart', 'code', 'name', 'kind', 'price', 'updated_at'])),
    productDelete: byId('products'),
    subscription: db.prepare(
      upsertSql('subscriptions', ['id'], [
        'id', 'cart_customer_id', 'product_code', 'product_name', 'course_name', 'status',
        'continuation_count', 'started_at', 'next_ship_at', 'stopped_at', 'updated_at',
      ]),
    ),
    subscriptionDelete: db.prepare('DELETE FROM subscriptions WHERE id = ? RETURNING cart_customer_id').pluck(),
    order: db.prepare(
      upsertSql('orders', ['id'], [
        'id', 'cart_customer_id', 'order_number', 'parent_order_id', 'subscription_id', 'status', 'total', 'ordered_at', 'updated_at',
      ]),
    ),
    orderDelete: db.prepare('DELETE FROM orders WHERE id = ? RETURNING cart_customer_id').pluck(),
    itemsOf: db.prepare(
      `SELECT line_no AS lineNo, product_code AS productCode, product_name AS productName, quantity, price
       FROM order_items WHERE order_id = ? ORDER BY line_no`,
    ),
    itemsDelete: db.prepare('DELETE FROM order_items WHERE order_id = ?'),
    item: db.prepare('INSERT INTO order_items (order_id, line_no, product_code, product_name, quantity, price) VALUES (?, ?, ?, ?, ?, ?)'),
    tag: db.prepare(upsertSql('tags', ['id'], ['id', 'name', 'folder', 'updated_at'])),
    tagDelete: byId('tags'),
    memberTagExists: db.prepare('SELECT 1 FROM member_tags WHERE member_id = ? AND tag_id = ?').pluck(),
    memberTag: db.prepare(upsertSql('member_tags', ['member_id', 'tag_id'], ['member_id', 'tag_id', 'source', 'source_detail', 'set_at'])),
    memberTagDelete: db.prepare('DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?'),
    crosssellConfig: db.prepare(
      upsertSql('crosssell_configs', ['id'], [
        'id', 'name', 'cart', 'cart_login_ref', 'product_name', 'product_code', 'kind', 'memo_writes',
        'tags_add', 'tags_remove', 'message_template', 'stop_running_subscriptions', 'repeat_window_hours', 'updated_at',
      ]),
    ),
    crosssellConfigDelete: byId('crosssell_configs'),
    locRequest: db.prepare(
      upsertSql('loc_requests', ['id'], [
        'id', 'uid', 'member_id', 'kind', 'crosssell_config_id', 'status', 'completion_status', 'note',
        'robot_result', 'lease_holder', 'lease_since', 'lease_expires_at', 'requested_at', 'completed_at', 'updated_at',
        'finished_by', 'finished_by_name',
      ]),
    ),
    locRequestDelete: byId('loc_requests'),
    tagRule: db.prepare(
      upsertSql('tag_rules', ['id'], ['id', 'name', 'tag_id', 'action', 'match', 'groups', 'enabled', 'created_at', 'updated_at']),
    ),
    tagRuleDelete: byId('tag_rules'),
    rulesOfTag: db.prepare('SELECT id FROM tag_rules WHERE tag_id = ?').pluck(),
  };

  const noteCustomer = (touched: Touched, id: unknown) => {
    if (typeof id === 'number') touched.cartCustomerIds.add(id);
  };

  return {
    member: {
      upsert(m: MemberData, touched) {
        const r = s.member.run(m.id, m.lineUserId, m.displayName, nul(m.name), nul(m.nameKana), nul(m.phone), nul(m.email), nul(m.operator), nul(m.followedAt), m.updatedAt);
        if (r.changes > 0) touched.memberIds.add(m.id);
      },
      delete({ id }, touched) {
        if (s.memberDelete.run(id).changes > 0) touched.memberIds.add(id);
      },
    },
    cart_customer: {
      upsert(c: CartCustomerData, touched) {
        const r = s.cartCustomer.run(c.id, c.memberId, c.cart, c.customerNumber, nul(c.name), nul(c.phone), nul(c.email), c.updatedAt);
        if (r.changes > 0) touched.memberIds.add(c.memberId);
      },
      delete({ id }, touched) {
        const memberId = s.cartCustomerDelete.get(id);
        if (typeof memberId === 'number') touched.memberIds.add(memberId);
      },
    },
    product: {
      upsert(p: ProductData) {
        s.product.run(p.id, p.cart, p.code, p.name, p.kind, p.price, p.updatedAt);
      },
      delete({ id }) {
        s.productDelete.run(id);
      },
    },
    subscription: {
      upsert(x: SubscriptionData, touched) {
        const r = s.subscription.run(
          x.id, x.cartCustomerId, x.productCode, x.productName, nul(x.courseName), x.status,
          x.continuationCount, x.startedAt, nul(x.nextShipAt), nul(x.stoppedAt), x.updatedAt,
        );
        if (r.changes > 0) touched.cartCustomerIds.add(x.cartCustomerId);
      },
      delete({ id }, touched) {
        noteCustomer(touched, s.subscriptionDelete.get(id));
      },
    },
    order: {
      upsert(o: OrderData, touched) {
        const r = s.order.run(o.id, o.cartCustomerId, o.orderNumber, nul(o.parentOrderId), nul(o.subscriptionId), o.status, o.total, o.orderedAt, o.updatedAt);
        // Unchanged order row: its lines may still differ, and only then are they rewritten.
        if (r.changes === 0 && sameItems(s.itemsOf.all(o.id) as OrderItemData[], o.items)) return;
        s.itemsDelete.run(o.id);
        for (const i of o.items) s.item.run(o.id, i.lineNo, i.productCode, i.productName, i.quantity, i.price);
        touched.cartCustomerIds.add(o.cartCustomerId);
      },
      delete({ id }, touched) {
        noteCustomer(touched, s.orderDelete.get(id));
      },
    },
    tag: {
      upsert(t: TagData) {
        s.tag.run(t.id, t.name, nul(t.folder), t.updatedAt);
      },
      delete({ id }, touched) {
        // The tag's rules go with it (ON DELETE CASCADE); the rule screens are told so.
        for (const ruleId of s.rulesOfTag.all(id) as number[]) touched.tagRuleIds.add(ruleId);
        s.tagDelete.run(id);
      },
    },
    member_tag: {
      upsert(t: MemberTagData, touched) {
        const existed = s.memberTagExists.get(t.memberId, t.tagId) !== undefined;
        const r = s.memberTag.run(t.memberId, t.tagId, t.source, nul(t.sourceDetail), t.setAt);
        if (!existed) history({ memberId: t.memberId, tagId: t.tagId, action: 'add', source: t.source, sourceDetail: nul(t.sourceDetail), at: t.setAt });
        if (r.changes > 0) touched.memberIds.add(t.memberId);
      },
      delete(t: MemberTagDeleteData, touched, now) {
        if (s.memberTagDelete.run(t.memberId, t.tagId).changes === 0) return;
        history({ memberId: t.memberId, tagId: t.tagId, action: 'remove', source: t.source ?? 'cloud', sourceDetail: nul(t.sourceDetail), at: t.removedAt ?? now });
        touched.memberIds.add(t.memberId);
      },
    },
    crosssell_config: {
      upsert(c: CrosssellConfigData) {
        s.crosssellConfig.run(
          c.id, c.name, c.cart, nul(c.cartLoginRef), c.productName, c.productCode, c.kind,
          JSON.stringify(c.memoWrites), JSON.stringify(c.tagsAdd), JSON.stringify(c.tagsRemove),
          c.messageTemplate, c.stopRunningSubscriptions ? 1 : 0, nul(c.repeatWindowHours), c.updatedAt,
        );
      },
      delete({ id }) {
        s.crosssellConfigDelete.run(id);
      },
    },
    loc_request: {
      upsert(l: LocRequestData, touched) {
        const r = s.locRequest.run(
          l.id, l.uid, l.memberId, l.kind, nul(l.crosssellConfigId), l.status, nul(l.completionStatus), nul(l.note),
          l.robotResult ? JSON.stringify(l.robotResult) : null, l.lease?.holder ?? null, l.lease?.since ?? null, l.lease?.expiresAt ?? null,
          l.requestedAt, nul(l.completedAt), l.updatedAt, l.finishedBy?.kind ?? null, l.finishedBy?.name ?? null,
        );
        if (r.changes > 0) touched.locIds.add(l.id);
      },
      delete({ id }, touched) {
        if (s.locRequestDelete.run(id).changes > 0) touched.locIds.add(id);
      },
    },
    tag_rule: {
      upsert(r: TagRuleData, touched) {
        const groups = JSON.stringify(r.groups);
        const changed = s.tagRule.run(r.id, r.name, r.tagId, r.action, r.match, groups, r.enabled ? 1 : 0, r.createdAt, r.updatedAt).changes;
        if (changed > 0) touched.tagRuleIds.add(r.id);
      },
      delete({ id }, touched) {
        if (s.tagRuleDelete.run(id).changes > 0) touched.tagRuleIds.add(id);
      },
    },
  };
}

function sameItems(stored: OrderItemData[], incoming: OrderItemData[]): boolean {
  if (stored.length !== incoming.length) return false;
  const byLine = [...incoming].sort((a, b) => a.lineNo - b.lineNo);
  return stored.every((a, k) => {
    const b = byLine[k]!;
    return a.lineNo === b.lineNo && a.productCode === b.productCode && a.productName === b.productName && a.quantity === b.quantity && a.price === b.price;
  });
}
