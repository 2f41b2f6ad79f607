import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resultOf } from '../../../test/fixtures/api-calls';
import { insertCrosssellConfig, insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { handlers } from '../api/handlers';
import { createApi, type Api } from '../api/registry';
import type { Handlers } from '../api/types';
import { openDatabase, type Db } from '../db/open';
import { createEventBus } from '../events';
import { applyPage } from '../sync/apply';
import type { SyncService } from '../sync/types';

/** Who finished a request, over a real replica: as the cloud's feed says, and as this workstation's unsent operations say first. */

let db: Db;
let api: Api;

const noSync: SyncService = {
  status: () => {
    throw new Error('not used');
  },
  now: () => Promise.reject(new Error('not used')),
};

beforeEach(() => {
  db = openDatabase(':memory:', { quickCheck: false });
  api = createApi(handlers, { db, clock: { now: () => new Date('2026-12-03T15:30:00Z') }, events: createEventBus(), sync: noSync }, () => {});
  insertMember(db, { id: 1, displayName: '山田 花子', name: '山田 花子' });
  insertCrosssellConfig(db, { id: 1, name: '化粧水', productName: '保湿化粧水 150mL', productCode: 'SKN-002' });
  for (const id of [1, 2, 3, 4]) insertLocRequest(db, { id, memberId: 1, kind: 'crosssell', crosssellConfigId: 1, status: 'needs_manual', requestedAt: `2026-12-0${id}T00:00:00Z` });
});
afterEach(() => db.close());

type Page = Handlers['loc.list']['result'];
const list = (args: Omit<Handlers['loc.list']['args'], 'sort'>) => resultOf<Page>(api, 'loc.list', { sort: { field: 'id', direction: 'asc' }, ...args });
const ids = async (args: Omit<Handlers['loc.list']['args'], 'sort'>) => (await list(args)).items.map((r) => r.id);

async function csv(args: Omit<Handlers['loc.exportCsv']['args'], 'sort'>): Promise<Array<Record<string, string>>> {
  const file = await resultOf<Handlers['loc.exportCsv']['result']>(api, 'loc.exportCsv', { sort: { field: 'id', direction: 'asc' }, ...args });
  return parse(Buffer.from(file.contentBase64, 'base64').toString('utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
}

function pulled(id: number, finishedBy: { kind: 'robot' | 'staff'; name: string | null } | null, completionStatus: string | null): void {
  const row = db.prepare('SELECT uid FROM loc_requests WHERE id = ?').get(id) as { uid: string };
  const at = '2026-12-03T15:00:00.000Z';
  const data = { id, uid: row.uid, memberId: 1, kind: 'crosssell', crosssellConfigId: 1, status: 'done', completionStatus, finishedBy, requestedAt: at, completedAt: at, updatedAt: at };
  const seq = (db.prepare(`SELECT coalesce(max(CAST(value AS INTEGER)), 0) FROM sync_state WHERE key = 'cursor'`).pluck().get() as number) + 1;
  const outcome = applyPage(db, { changes: [{ seq, entity: 'loc_request', op: 'upsert', data }], next: seq, head: seq, hasMore: false }, { clock: { now: () => new Date(at) } });
  expect(outcome).toMatchObject({ applied: 1, quarantined: 0 });
}

describe('who finished a request', () => {
  it('comes from the feed into the list, its robot / staff filter and the CSV', async () => {
    pulled(1, { kind: 'robot', name: 'レジ横PC' }, 'クロスセル受付');
    pulled(2, { kind: 'staff', name: '佐藤 花子' }, '受付断念');
    pulled(3, { kind: 'staff', name: null }, '対応不可');
    pulled(4, null, '対応完了');
    expect(db.prepare('SELECT id, finished_by, finished_by_name FROM loc_requests ORDER BY id').all()).toEqual([
      { id: 1, finished_by: 'robot', finished_by_name: 'レジ横PC' },
      { id: 2, finished_by: 'staff', finished_by_name: '佐藤 花子' },
      { id: 3, finished_by: 'staff', finished_by_name: null },
      { id: 4, finished_by: null, finished_by_name: null },
    ]);
    expect((await list({ completed: true })).items.map((r) => [r.id, r.finishedBy, r.finishedByName])).toEqual([
      [1, 'robot', 'レジ横PC'],
      [2, 'staff', '佐藤 花子'],
      [3, 'staff', null],
      [4, null, null],
    ]);
    expect(await ids({ completed: true, finishedBy: 'robot' })).toEqual([1]);
    expect(await ids({ completed: true, finishedBy: 'staff' })).toEqual([2, 3]);
    expect((await csv({ completed: true })).map((r) => [r['申請ID'], r['完了ステータス'], r['完了者']])).toEqual([
      ['1', 'クロスセル受付', 'ロボット（レジ横PC）'],
      ['2', '受付断念', '佐藤 花子'],
      ['3', '対応不可', 'スタッフ（名前なし）'],
      ['4', '対応完了', ''],
    ]);
    expect(await resultOf(api, 'loc.list', { finishedBy: 'cloud' }).catch((error: Error) => error.message)).toMatch(/finishedBy/);
  });

  it('is shown from this workstation\'s unsent operations before the cloud has them, and the filter follows', async () => {
    pulled(1, { kind: 'robot', name: 'レジ横PC' }, 'クロスセル受付');
    const queue = db.prepare(`INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, '2026-12-03T15:10:00Z')`);
    queue.run('00000000-0000-4000-8000-000000000001', 'loc.setStatus', JSON.stringify({ requestId: 2, status: 'done', completionStatus: '受付断念', finishedBy: { kind: 'staff', name: '田中' } }));
    queue.run('00000000-0000-4000-8000-000000000002', 'robot.runResult', JSON.stringify({ requestId: 3, outcome: 'done', message: '受注しました', completionStatus: '対応完了', finishedBy: { kind: 'robot', name: '事務所PC' } }));
    // Reopened here: no longer finished by anyone.
    queue.run('00000000-0000-4000-8000-000000000003', 'loc.reopen', JSON.stringify({ requestId: 1, reason: '数量違い' }));
    expect((await list({ completed: true })).items.map((r) => [r.id, r.completionStatus, r.finishedBy, r.finishedByName])).toEqual([
      [2, '受付断念', 'staff', '田中'],
      [3, '対応完了', 'robot', '事務所PC'],
    ]);
    expect(await ids({ completed: true, finishedBy: 'robot' })).toEqual([3]);
    expect(await ids({ finishedBy: 'staff' })).toEqual([2]);
    expect((await list({ completed: false })).items.find((r) => r.id === 1)).toMatchObject({ finishedBy: null, finishedByName: null, completionStatus: null });
  });
});
