import type { Db } from '../open';
import { countMembers, memberTagClauses, type MemberTagFilter } from './member-tag-filter';
import { offsetOf, type Page, type PageRequest } from './paging';
import { normalizePhone } from '../../members/phone-number';
import { foldSearchText } from './search-text';

export interface MemberSearch extends PageRequest {
  /** Free text matched against names, kana, display name, phone, e-mail and customer numbers. */
  query?: string;
  /** Only members carrying this tag (id or exact name). */
  tag?: number | string;
  /** Only members linked to this exact cart customer number. */
  customerNumber?: string;
  /** Members with all of these tags, any of those, none of the others. */
  tags?: MemberTagFilter;
  /** Only members with a greater id: the CSV export pages by id, so a deep page costs no more than the first. */
  afterId?: number;
}

export interface MemberSummary {
  id: number;
  lineUserId: string;
  displayName: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  operator: string | null;
  tags: string[];
}

interface MemberRow {
  id: number;
  line_user_id: string;
  display_name: string;
  name: string | null;
  name_kana: string | null;
  phone: string | null;
  email: string | null;
  operator: string | null;
  followed_at: string | null;
  updated_at: string;
}

/** Trigram matching needs three characters; shorter queries fall back to a scan of the name columns. */
const TRIGRAM_MIN = 3;

export function searchMembers(db: Db, search: MemberSearch): Page<MemberSummary> {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const text = memberTextTerm(db, search.query, params);
  if (text) where.push(text);
  if (search.tag !== undefined) {
    params.tag = search.tag;
    where.push(
      typeof search.tag === 'number'
        ? 'm.id IN (SELECT member_id FROM member_tags WHERE tag_id = @tag)'
        : 'm.id IN (SELECT mt.member_id FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE t.name = @tag)',
    );
  }
  if (search.customerNumber) {
    params.customerNumber = search.customerNumber;
    where.push('m.id IN (SELECT member_id FROM cart_customers WHERE customer_number = @customerNumber)');
  }
  where.push(...memberTagClauses(search.tags, params));
  if (search.afterId !== undefined) {
    params.afterId = search.afterId;
    where.push('m.id > @afterId');
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = countMembers(db, where, params, search.tags);
  const rows = db
    .prepare(`SELECT m.* FROM members m ${clause} ORDER BY m.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: search.pageSize, offset: offsetOf(search) }) as MemberRow[];
  const tags = tagNamesFor(db, rows.map((r) => r.id));
  return {
    total,
    page: search.page,
    pageSize: search.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      lineUserId: r.line_user_id,
      displayName: r.display_name,
      name: r.name,
      phone: r.phone,
      email: r.email,
      operator: r.operator,
      tags: tags.get(r.id) ?? [],
    })),
  };
}

/**
 * Free text against the member index, folded as the index is (search-text.ts). A phone number
 * in any form is also looked up whole in the normalised phone column, and only there when some
 * member has it whole; one or two characters, too short for trigrams, can only be part of a name
 * and are scanned for in hiragana and katakana alike. The LOC lists' search uses it too, so both
 * find members the same way.
 */
export function memberTextTerm(db: Db, query: string | undefined, params: Record<string, unknown>, member = 'm.id'): string | undefined {
  const text = foldSearchText(query ?? '');
  if (!text) return undefined;
  const phone = normalizePhone(query);
  if (phone && phone.length >= WHOLE_PHONE && wholePhoneKnown(db, phone)) {
    // A whole number someone has: its index answers at once, where trigrams of 090… match everyone.
    params.memberPhone = phone;
    return `${member} IN (SELECT id FROM members WHERE phone_normalized = @memberPhone)`;
  }
  if ([...text].length < TRIGRAM_MIN && !phone) {
    const variants = [...new Set([text, hiraganaToKatakana(text)])];
    const like = variants.map((variant, i) => {
      params[`memberLike${i}`] = `%${escapeLike(variant)}%`;
      return ['display_name', 'name', 'name_kana'].map((column) => `${column} LIKE @memberLike${i} ESCAPE '\\'`).join(' OR ');
    });
    return `${member} IN (SELECT id FROM members WHERE ${like.join(' OR ')})`;
  }
  const phrases = [...new Set([text, phone])].filter((p): p is string => p !== null && [...p].length >= TRIGRAM_MIN);
  const terms: string[] = [];
  if (phrases.length > 0) {
    params.memberMatch = phrases.map((p) => `"${p.replaceAll('"', '""')}"`).join(' OR ');
    terms.push(`${member} IN (SELECT rowid FROM member_search WHERE member_search MATCH @memberMatch)`);
  }
  if (phone) {
    params.memberPhone = phone;
    terms.push(`${member} IN (SELECT id FROM members WHERE phone_normalized = @memberPhone)`);
  }
  return `(${terms.join(' OR ')})`;
}

/** The shortest whole Japanese number (a landline's ten digits). */
const WHOLE_PHONE = 10;

function wholePhoneKnown(db: Db, phone: string): boolean {
  return db.prepare('SELECT 1 FROM members WHERE phone_normalized = ? LIMIT 1').get(phone) !== undefined;
}

function hiraganaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096\u309d\u309e]/gu, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tagNamesFor(db: Db, ids: number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (ids.length === 0) return result;
  const rows = db
    .prepare(
      `SELECT mt.member_id AS memberId, t.name AS name FROM member_tags mt JOIN tags t ON t.id = mt.tag_id
       WHERE mt.member_id IN (SELECT value FROM json_each(?)) ORDER BY t.name`,
    )
    .all(JSON.stringify(ids)) as Array<{ memberId: number; name: string }>;
  for (const row of rows) {
    const list = result.get(row.memberId) ?? [];
    list.push(row.name);
    result.set(row.memberId, list);
  }
  return result;
}

export interface MemberDetail {
  id: number;
  lineUserId: string;
  displayName: string;
  name: string | null;
  nameKana: string | null;
  phone: string | null;
  email: string | null;
  operator: string | null;
  followedAt: string | null;
  updatedAt: string;
  cartCustomers: Array<{ id: number; cart: string; customerNumber: string; name: string | null; phone: string | null; email: string | null }>;
  orders: Array<{
    id: number;
    cartCustomerId: number;
    orderNumber: string;
    parentOrderId: number | null;
    subscriptionId: number | null;
    status: string;
    total: number;
    orderedAt: string;
    items: Array<{ productCode: string; productName: string; quantity: number; price: number }>;
  }>;
  subscriptions: Array<{
    id: number;
    cartCustomerId: number;
    productCode: string;
    productName: string;
    courseName: string | null;
    status: string;
    continuationCount: number;
    startedAt: string;
    nextShipAt: string | null;
    stoppedAt: string | null;
  }>;
  tags: Array<{ tagId: number; name: string; source: string; sourceDetail: string | null; setAt: string }>;
  tagHistory: Array<{ tagId: number; name: string | null; action: string; source: string; sourceDetail: string | null; at: string }>;
  /** Tags added or removed by hand that the cloud has not confirmed yet, oldest first. */
  pendingTagChanges: PendingTagChange[];
}

export interface PendingTagChange {
  opId: string;
  tagId: number;
  name: string | null;
  action: 'add' | 'remove';
  /** 'pending' until pushed; 'rejected' when the cloud refused it (the reason says why). */
  state: 'pending' | 'rejected';
  reason: string | null;
  /** The cloud's code for a refusal, said as a sentence on screen; null when pending or refused before codes were kept. */
  code: string | null;
  source: string;
  sourceDetail: string | null;
  createdAt: string;
}

/**
 * Tag operations live in the outbox until the cloud applies them and the pull brings the tag
 * back as server state; until then the member page shows them on top of server state.
 */
function pendingTagChanges(db: Db, memberId: number): PendingTagChange[] {
  return db
    .prepare(
      `SELECT o.op_id AS opId, json_extract(o.payload, '$.tagId') AS tagId, t.name,
              CASE o.kind WHEN 'memberTag.add' THEN 'add' ELSE 'remove' END AS action,
              o.state, o.rejected_reason AS reason, o.rejected_code AS code, json_extract(o.payload, '$.source') AS source, json_extract(o.payload, '$.sourceDetail') AS sourceDetail,
              o.created_at AS createdAt
       FROM outbox o LEFT JOIN tags t ON t.id = json_extract(o.payload, '$.tagId')
       WHERE o.kind IN ('memberTag.add', 'memberTag.remove') AND json_extract(o.payload, '$.memberId') = ?
       ORDER BY o.seq`,
    )
    .all(memberId) as PendingTagChange[];
}

export function getMember(db: Db, id: number): MemberDetail | undefined {
  const m = db.prepare('SELECT * FROM members WHERE id = ?').get(id) as MemberRow | undefined;
  if (!m) return undefined;
  const orderRows = db
    .prepare(
      `SELECT o.id, o.cart_customer_id AS cartCustomerId, o.order_number AS orderNumber, o.parent_order_id AS parentOrderId,
              o.subscription_id AS subscriptionId, o.status, o.total, o.ordered_at AS orderedAt
       FROM orders o JOIN cart_customers c ON c.id = o.cart_customer_id
       WHERE c.member_id = ? ORDER BY o.ordered_at DESC, o.id DESC`,
    )
    .all(id) as Array<Omit<MemberDetail['orders'][number], 'items'>>;
  const items = db.prepare(
    `SELECT product_code AS productCode, product_name AS productName, quantity, price FROM order_items WHERE order_id = ? ORDER BY line_no`,
  );
  return {
    id: m.id,
    lineUserId: m.line_user_id,
    displayName: m.display_name,
    name: m.name,
    nameKana: m.name_kana,
    phone: m.phone,
    email: m.email,
    operator: m.operator,
    followedAt: m.followed_at,
    updatedAt: m.updated_at,
    cartCustomers: db
      .prepare(
        `SELECT id, cart, customer_number AS customerNumber, name, phone, email FROM cart_customers WHERE member_id = ? ORDER BY id`,
      )
      .all(id) as MemberDetail['cartCustomers'],
    orders: orderRows.map((o) => ({ ...o, items: items.all(o.id) as MemberDetail['orders'][number]['items'] })),
    subscriptions: db
      .prepare(
        `SELECT s.id, s.cart_customer_id AS cartCustomerId, s.product_code AS productCode, s.product_name AS productName,
                s.course_name AS courseName, s.status, s.continuation_count AS continuationCount, s.started_at AS startedAt,
                s.next_ship_at AS nextShipAt, s.stopped_at AS stoppedAt
         FROM subscriptions s JOIN cart_customers c ON c.id = s.cart_customer_id
         WHERE c.member_id = ? ORDER BY s.started_at DESC, s.id DESC`,
      )
      .all(id) as MemberDetail['subscriptions'],
    tags: db
      .prepare(
        `SELECT mt.tag_id AS tagId, t.name, mt.source, mt.source_detail AS sourceDetail, mt.set_at AS setAt
         FROM member_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.member_id = ? ORDER BY t.name`,
      )
      .all(id) as MemberDetail['tags'],
    tagHistory: (
      db
        .prepare(
          `SELECT h.tag_id AS tagId, t.name, h.action, h.source, h.source_detail AS sourceDetail, h.at
           FROM member_tag_history h LEFT JOIN tags t ON t.id = h.tag_id WHERE h.member_id = ? ORDER BY h.at DESC, h.id DESC`,
        )
        .all(id) as Array<Omit<MemberDetail['tagHistory'][number], 'at'> & { at: number }>
    ).map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
    pendingTagChanges: pendingTagChanges(db, id),
  };
}
