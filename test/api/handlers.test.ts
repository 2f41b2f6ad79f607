import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/core/api/handlers';
import type { Handlers } from '../../electron/core/api/types';
import { createApi, type Api } from '../../electron/core/api/registry';
import { createEventBus } from '../../electron/core/events';
import { openDatabase, type Db } from '../../electron/core/db/open';
import type { SyncService, SyncStatus } from '../../electron/core/sync/types';
import {
  insertCartCustomer, insertCrosssellConfig, insertLocRequest, insertMember, insertOrder, insertSubscription, insertTag, tagMember,
} from '../fixtures/replica';
import { resultOf } from '../fixtures/api-calls';

let db: Db;
let api: Api;
let syncCalls = 0;

const status: SyncStatus = {
  cursor: 42, lag: 3, pending: 1, rejected: [], quarantined: [], running: false,
  lastPullAt: null, lastPushAt: null, lastError: null, failure: null, health: 'never_synced',
};
const sync: SyncService = {
  status: () => status,
  now: async () => {
    syncCalls += 1;
    if (syncCalls > 1) throw new Error('cloud unreachable');
    return { pushed: 0, rejected: 0, applied: 5, quarantined: 0, cursor: 47 };
  },
};

const ok = <T = unknown>(name: string, args: unknown) => resultOf<T>(api, name, args);

beforeEach(() => {
  db = openDatabase(':memory:', { quickCheck: false });
  api = createApi(handlers, { db, clock: { now: () => new Date('2026-11-23T00:00:00Z') }, events: createEventBus(), sync }, () => {});
  syncCalls = 0;
  insertMember(db, { id: 1, displayName: 'はなこ🌸', name: '佐藤 花子', nameKana: 'サトウ ハナコ', phone: '090-1234-5678', email: 'hanako@example.jp' });
  insertMember(db, { id: 2, displayName: 'Ｔａｒｏ', name: '鈴木 太郎', phone: '080-0000-1111', email: 'taro@example.jp' });
  insertMember(db, { id: 3, displayName: '<img src=x onerror=alert(1)>', name: '佐藤 一郎', phone: '070-2222-3333' });
  insertCartCustomer(db, { id: 10, memberId: 1, customerNumber: 'EC-000101' });
  insertCartCustomer(db, { id: 11, memberId: 1, customerNumber: 'EC-000102' });
  insertCartCustomer(db, { id: 12, memberId: 2, customerNumber: 'EC-000201' });
  insertTag(db, 1, 'VIP');
  insertTag(db, 2, '定期購入中');
  tagMember(db, 1, 1);
  tagMember(db, 1, 2, 'rule');
  tagMember(db, 2, 2);
  insertSubscription(db, { id: 5, cartCustomerId: 11, code: 'SUB-1', name: '青汁定期', status: 'active', count: 3, startedAt: '2026-01-01T00:00:00Z' });
  insertOrder(db, { id: 100, cartCustomerId: 10, total: 3000, orderedAt: '2026-10-01T00:00:00Z' }, [{ code: 'P-1', name: '石けん', quantity: 1, price: 3000 }]);
  insertOrder(db, { id: 101, cartCustomerId: 11, total: 4000, orderedAt: '2026-11-01T00:00:00Z', subscriptionId: 5 }, [{ code: 'SUB-1', name: '青汁定期', quantity: 1, price: 4000 }]);
  insertCrosssellConfig(db, { id: 1, name: '青汁クロスセル', productName: '青汁', productCode: 'AOJIRU-1' });
  for (let i = 1; i <= 30; i++) {
    insertLocRequest(db, {
      id: i, memberId: (i % 3) + 1, kind: i % 5 === 0 ? 'cancel' : 'crosssell', crosssellConfigId: i % 5 === 0 ? undefined : 1,
      status: i % 4 === 0 ? 'needs_manual' : 'done', requestedAt: new Date(Date.UTC(2026, 10, i)).toISOString(),
    });
  }
});
afterEach(() => db.close());

type SearchResult = { total: number; items: Array<{ id: number; displayName: string; tags: string[] }> };

describe('members.search', () => {
  it('finds by name, kana, display name with emoji, e-mail and hyphenated or bare phone', async () => {
    const ids = async (query: string) => (await ok<SearchResult>('members.search', { query })).items.map((m) => m.id);
    expect(await ids('佐藤')).toEqual([1, 3]);
    expect(await ids('サトウ ハナ')).toEqual([1]);
    expect(await ids('はなこ🌸')).toEqual([1]);
    expect(await ids('taro@example')).toEqual([2]);
    expect(await ids('090-1234')).toEqual([1]);
    expect(await ids('09012345678')).toEqual([1]);
    expect(await ids('12345678')).toEqual([1]);
    expect(await ids('TARO')).toEqual([2]);
    expect(await ids('nobody-here')).toEqual([]);
  });

  it('finds by customer number, by part of one and by tag name or id', async () => {
    const ids = async (args: object) => (await ok<SearchResult>('members.search', args)).items.map((m) => m.id);
    expect(await ids({ customerNumber: 'EC-000201' })).toEqual([2]);
    expect(await ids({ query: '000102' })).toEqual([1]);
    expect(await ids({ tag: '定期購入中' })).toEqual([1, 2]);
    expect(await ids({ tag: 1 })).toEqual([1]);
    expect(await ids({ tag: '定期購入中', query: '鈴木' })).toEqual([2]);
  });

  it('pages with a total and returns tags as plain text', async () => {
    const page1 = await ok<SearchResult>('members.search', { pageSize: 2, page: 1 });
    const page2 = await ok<SearchResult>('members.search', { pageSize: 2, page: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items.map((m) => m.id)).toEqual([1, 2]);
    expect(page2.items.map((m) => m.id)).toEqual([3]);
    expect(page1.items[0]!.tags).toEqual(['VIP', '定期購入中']);
    expect(page2.items[0]!.displayName).toBe('<img src=x onerror=alert(1)>');
  });

  it('treats LIKE and FTS syntax in a query as text', async () => {
    expect((await ok<SearchResult>('members.search', { query: '%' })).total).toBe(0);
    expect((await ok<SearchResult>('members.search', { query: '" OR *' })).total).toBe(0);
  });

  it('refuses bad arguments with invalid_argument', async () => {
    const outcome = await api.call('members.search', { pageSize: 10_000 });
    expect(outcome).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await api.call('members.nope', {})).toMatchObject({ error: { kind: 'not_found' } });
  });
});

describe('members.get', () => {
  it('returns cart customers, orders with items, subscriptions, tags and their history', async () => {
    const m = await ok<{
      cartCustomers: unknown[]; orders: Array<{ id: number; items: unknown[] }>; subscriptions: Array<{ continuationCount: number }>;
      tags: Array<{ name: string; source: string }>; tagHistory: Array<{ action: string }>;
    }>('members.get', { id: 1 });
    expect(m.cartCustomers).toHaveLength(2);
    expect(m.orders.map((o) => o.id)).toEqual([101, 100]);
    expect(m.orders[0]!.items).toEqual([{ productCode: 'SUB-1', productName: '青汁定期', quantity: 1, price: 4000 }]);
    expect(m.subscriptions[0]!.continuationCount).toBe(3);
    expect(m.tags).toEqual([
      expect.objectContaining({ name: 'VIP', source: 'cloud' }),
      expect.objectContaining({ name: '定期購入中', source: 'rule' }),
    ]);
    expect(m.tagHistory).toHaveLength(2);
  });

  it('answers not_found for an unknown member', async () => {
    expect(await api.call('members.get', { id: 999 })).toMatchObject({ error: { kind: 'not_found' } });
  });
});

describe('tags.list', () => {
  it('lists tags with member counts and how many rules set each', async () => {
    expect(await ok('tags.list', {})).toEqual([
      { id: 1, name: 'VIP', folder: null, memberCount: 1, ruleCount: 0 },
      { id: 2, name: '定期購入中', folder: null, memberCount: 2, ruleCount: 0 },
    ]);
  });
});

type LocPage = { total: number; items: Array<{ id: number; status: string; kind: string; requestedAt: string; memberDisplayName: string }> };

describe('loc.list and loc.get', () => {
  it('filters by status, kind and date range, sorts and pages', async () => {
    const manual = await ok<LocPage>('loc.list', { status: ['needs_manual'], pageSize: 100 });
    expect(manual.total).toBe(7);
    expect(manual.items.every((r) => r.status === 'needs_manual')).toBe(true);
    expect(manual.items.map((r) => r.id)).toEqual([28, 24, 20, 16, 12, 8, 4]);

    const cancels = await ok<LocPage>('loc.list', { kind: ['cancel'], sort: { field: 'requestedAt', direction: 'asc' } });
    expect(cancels.items.map((r) => r.id)).toEqual([5, 10, 15, 20, 25, 30]);

    const range = await ok<LocPage>('loc.list', { from: '2026-11-10T00:00:00+09:00', to: '2026-11-12T00:00:00Z', sort: { field: 'id', direction: 'asc' } });
    expect(range.items.map((r) => r.id)).toEqual([10, 11]);

    const page = await ok<LocPage>('loc.list', { pageSize: 10, page: 3 });
    expect(page.total).toBe(30);
    expect(page.items.map((r) => r.id)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('refuses an inverted date range', async () => {
    expect(await api.call('loc.list', { from: '2026-11-12T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toMatchObject({
      error: { kind: 'invalid_argument' },
    });
  });

  it('returns a request with its member, cart customers, config and robot runs', async () => {
    const run = db.prepare(`INSERT INTO robot_runs (loc_request_id, attempt, started_at, outcome, error_kind, error_message) VALUES (4, 1, 'x', 'needs_manual', 'business', '商品コード X が商品マスタにありません')`).run();
    db.prepare(`INSERT INTO run_steps (run_id, step, state, started_at, screenshot_path) VALUES (?, 'create_order', 'failed', 'x', 'shots/1.png')`).run(run.lastInsertRowid);
    db.prepare(`INSERT INTO loc_work (loc_request_id, status, attempts, reason, updated_at) VALUES (4, 'needs_manual', 0, '商品コード X が商品マスタにありません', 'x')`).run();
    const journal = db.prepare(`INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, at) VALUES (4, ?, ?, ?, 'robot', 'x')`);
    for (const [from, to, event] of [['new', 'queued', 'queue'], ['queued', 'leased', 'lease'], ['leased', 'running', 'start'], ['running', 'needs_manual', 'fail_business']]) journal.run(from, to, event);
    const detail = await ok<Handlers['loc.get']['result']>('loc.get', { id: 4 });
    expect(detail.member.id).toBe(2);
    expect(detail.cartCustomers).toHaveLength(1);
    expect(detail.crosssellConfig).toMatchObject({ productCode: 'AOJIRU-1', stopRunningSubscriptions: false });
    expect(detail.runs[0]!.errorMessage).toContain('商品マスタ');
    expect(detail.runs[0]!.steps).toEqual([expect.objectContaining({ step: 'create_order', screenshotPath: 'shots/1.png' })]);
    expect(detail.work).toEqual({ status: 'needs_manual', attempts: 0, nextAttemptAt: null, reason: '商品コード X が商品マスタにありません', reasonData: null });
    expect(detail.transitions.map((t) => [t.event, t.actor, t.toStatus])).toEqual([
      ['queue', 'robot', 'queued'],
      ['lease', 'robot', 'leased'],
      ['start', 'robot', 'running'],
      ['fail_business', 'robot', 'needs_manual'],
    ]);
    expect(await api.call('loc.get', { id: 999 })).toMatchObject({ error: { kind: 'not_found' } });
  });
});

describe('sync handlers', () => {
  it('report status and run a sync, turning a failure into an unavailable error', async () => {
    expect(await ok('sync.status', {})).toEqual(status);
    expect(await ok('sync.now', {})).toMatchObject({ applied: 5, cursor: 47 });
    expect(await api.call('sync.now', {})).toMatchObject({ error: { kind: 'unavailable', message: expect.stringContaining('cloud unreachable') } });
  });
});
