import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../electron/core/db/open';
import { applyPage } from '../electron/core/sync/apply';
import type { Change, ChangesPage } from '../electron/core/sync/change-schemas';
import { changesOf, generateDemoShop } from '../sandbox/cloud/seed';
import type { BenchResult } from './report';

const PAGE = 5000;
const MEMBERS = 15_000;
const ORDERS = 75_000;
const RUNS = 2;

const rowTables = [
  'members', 'cart_customers', 'products', 'subscriptions', 'orders', 'order_items',
  'tags', 'member_tags', 'member_tag_history', 'crosssell_configs', 'loc_requests',
];

/**
 * The pull side's write path against a baseline of plain prepared INSERTs into the same schema:
 * the difference is what validation, savepoints, upserts and history cost.
 */
export default async function ingest(): Promise<BenchResult> {
  const shop = generateDemoShop({ members: MEMBERS, orders: ORDERS, seed: 7 });
  const changes = changesOf(shop);
  const pages = toPages(changes);
  const dir = mkdtempSync(path.join(tmpdir(), 'tanto-ingest-'));
  try {
    let applySeconds = Infinity;
    let rawSeconds = Infinity;
    let rows = 0;
    // Best of a few runs each, alternating, so a busy moment on a shared machine does not decide the figure.
    for (let run = 1; run <= RUNS; run += 1) {
      const db = openDatabase(path.join(dir, `apply-${run}.sqlite`));
      const clock = { now: () => new Date('2025-06-01T00:00:00Z') };
      const started = performance.now();
      for (const page of pages) applyPage(db, page, { clock });
      applySeconds = Math.min(applySeconds, (performance.now() - started) / 1000);
      rows = countRows(db);
      db.close();

      const raw = openDatabase(path.join(dir, `raw-${run}.sqlite`));
      const rawStarted = performance.now();
      insertRaw(raw, pages);
      rawSeconds = Math.min(rawSeconds, (performance.now() - rawStarted) / 1000);
      const rawRows = countRows(raw);
      raw.close();
      if (rawRows !== rows) throw new Error(`baseline wrote ${rawRows} rows, apply wrote ${rows}`);
    }

    const rowsPerS = Math.round(rows / applySeconds);
    const rawRowsPerS = Math.round(rows / rawSeconds);
    return {
      name: 'ingest',
      metrics: [
        { metric: 'rows', value: rows, unit: 'rows', target: '' },
        { metric: 'changes', value: changes.length, unit: 'changes', target: '' },
        { metric: 'rows_per_s', value: rowsPerS, unit: 'rows/s', target: '>= 50000' },
        { metric: 'raw_rows_per_s', value: rawRowsPerS, unit: 'rows/s', target: '' },
        { metric: 'ratio', value: rowsPerS / rawRowsPerS, unit: 'x', target: '>= 0.3' },
      ],
      notes: [
        `${changes.length} changes from a ${MEMBERS}-member, ${ORDERS}-order demo shop in pages of ${PAGE}, into WAL files with synchronous=FULL.`,
        `Rows count every row written: entities, order items and tag history. Best of ${RUNS} runs each.`,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function toPages(changes: Change[]): ChangesPage[] {
  const pages: ChangesPage[] = [];
  const head = changes.length;
  for (let start = 0; start < changes.length; start += PAGE) {
    const slice = changes.slice(start, start + PAGE);
    const next = slice[slice.length - 1]!.seq;
    pages.push({ changes: slice, next, head, hasMore: next < head });
  }
  return pages;
}

function countRows(db: Db): number {
  return rowTables.reduce((sum, table) => sum + (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number), 0);
}

/** The fastest honest way to put the same rows in: one prepared INSERT per table, one transaction per page. */
function insertRaw(db: Db, pages: ChangesPage[]): void {
  const insert = (table: string, columns: string[]) =>
    db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const member = insert('members', ['id', 'line_user_id', 'display_name', 'name', 'name_kana', 'phone', 'email', 'operator', 'followed_at', 'updated_at']);
  const customer = insert('cart_customers', ['id', 'member_id', 'cart', 'customer_number', 'name', 'phone', 'email', 'updated_at']);
  const product = insert('products', ['id', 'cart', 'code', 'name', 'kind', 'price', 'updated_at']);
  const subscription = insert('subscriptions', [
    'id', 'cart_customer_id', 'product_code', 'product_name', 'course_name', 'status', 'continuation_count', 'started_at', 'next_ship_at', 'stopped_at', 'updated_at',
  ]);
  const order = insert('orders', ['id', 'cart_customer_id', 'order_number', 'parent_order_id', 'subscription_id', 'status', 'total', 'ordered_at', 'updated_at']);
  const item = insert('order_items', ['order_id', 'line_no', 'product_code', 'product_name', 'quantity', 'price']);
  const tag = insert('tags', ['id', 'name', 'folder', 'updated_at']);
  const memberTag = insert('member_tags', ['member_id', 'tag_id', 'source', 'source_detail', 'set_at']);
  const history = insert('member_tag_history', ['member_id', 'tag_id', 'action', 'source', 'source_detail', 'at']);
  const config = insert('crosssell_configs', [
    'id', 'name', 'cart', 'cart_login_ref', 'product_name', 'product_code', 'kind', 'memo_writes', 'tags_add', 'tags_remove', 'message_template', 'stop_running_subscriptions', 'repeat_window_hours', 'updated_at',
  ]);
  const loc = insert('loc_requests', [
    'id', 'uid', 'member_id', 'kind', 'crosssell_config_id', 'status', 'completion_status', 'note', 'robot_result',
    'lease_holder', 'lease_since', 'lease_expires_at', 'requested_at', 'completed_at', 'updated_at',
  ]);
  const n = <T>(v: T | null | undefined) => v ?? null;
  const writePage = db.transaction((page: ChangesPage) => {
    for (const change of page.changes as Change[]) {
      if (change.op !== 'upsert') continue;
      switch (change.entity) {
        case 'member': {
          const m = change.data;
          member.run(m.id, m.lineUserId, m.displayName, n(m.name), n(m.nameKana), n(m.phone), n(m.email), n(m.operator), n(m.followedAt), m.updatedAt);
          break;
        }
        case 'cart_customer': {
          const c = change.data;
          customer.run(c.id, c.memberId, c.cart, c.customerNumber, n(c.name), n(c.phone), n(c.email), c.updatedAt);
          break;
        }
        case 'product': {
          const p = change.data;
          product.run(p.id, p.cart, p.code, p.name, p.kind, p.price, p.updatedAt);
          break;
        }
        case 'subscription': {
          const x = change.data;
          subscription.run(x.id, x.cartCustomerId, x.productCode, x.productName, n(x.courseName), x.status, x.continuationCount, x.startedAt, n(x.nextShipAt), n(x.stoppedAt), x.updatedAt);
          break;
        }
        case 'order': {
          const o = change.data;
          order.run(o.id, o.cartCustomerId, o.orderNumber, n(o.parentOrderId), n(o.subscriptionId), o.status, o.total, o.orderedAt, o.updatedAt);
          for (const i of o.items) item.run(o.id, i.lineNo, i.productCode, i.productName, i.quantity, i.price);
          break;
        }
        case 'tag': {
          const t = change.data;
          tag.run(t.id, t.name, n(t.folder), t.updatedAt);
          break;
        }
        case 'member_tag': {
          const t = change.data;
          memberTag.run(t.memberId, t.tagId, t.source, n(t.sourceDetail), t.setAt);
          history.run(t.memberId, t.tagId, 'add', t.source, n(t.sourceDetail), Date.parse(t.setAt));
          break;
        }
        case 'crosssell_config': {
          const c = change.data;
          config.run(c.id, c.name, c.cart, n(c.cartLoginRef), c.productName, c.productCode, c.kind, JSON.stringify(c.memoWrites), JSON.stringify(c.tagsAdd), JSON.stringify(c.tagsRemove), c.messageTemplate, c.stopRunningSubscriptions ? 1 : 0, n(c.repeatWindowHours), c.updatedAt);
          break;
        }
        case 'loc_request': {
          const l = change.data;
          loc.run(
            l.id, l.uid, l.memberId, l.kind, n(l.crosssellConfigId), l.status, n(l.completionStatus), n(l.note), l.robotResult ? JSON.stringify(l.robotResult) : null,
            n(l.lease?.holder), n(l.lease?.since), n(l.lease?.expiresAt), l.requestedAt, n(l.completedAt), l.updatedAt,
          );
          break;
        }
      }
    }
  });
  for (const page of pages) writePage(page);
}
