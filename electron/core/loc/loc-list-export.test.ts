import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertCartCustomer, insertCrosssellConfig, insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { handlers } from '../api/handlers';
import { createApi, type Api } from '../api/registry';
import type { Handlers } from '../api/types';
import { openDatabase, type Db } from '../db/open';
import { createEventBus } from '../events';
import type { SyncService } from '../sync/types';
import { locCsvHeaders } from './loc-csv';
import { resultOf } from '../../../test/fixtures/api-calls';

/** The dashboard's and the completed list's filters, and their CSV export, over a real SQLite replica. */

let db: Db;
let api: Api;

const noSync: SyncService = {
  status: () => {
    throw new Error('not used');
  },
  now: () => Promise.reject(new Error('not used')),
};

/** Full-width letters and punctuation, a comma and a line break: what Excel must get back in one cell. */
const trickyName = '山田　花子（ＶＩＰ）, 本店\n二行目';

beforeEach(() => {
  db = openDatabase(':memory:', { quickCheck: false });
  api = createApi(handlers, { db, clock: { now: () => new Date('2026-11-23T15:30:00Z') }, events: createEventBus(), sync: noSync }, () => {});
  insertMember(db, { id: 1, displayName: trickyName, name: '山田 花子' });
  insertMember(db, { id: 2, displayName: '🍀みどり', name: '緑川 翠' });
  insertMember(db, { id: 3, displayName: '=HYPERLINK("http://evil.example")', name: '-佐藤' });
  insertCartCustomer(db, { id: 10, memberId: 1, customerNumber: 'EC-000101' });
  insertCartCustomer(db, { id: 11, memberId: 1, customerNumber: 'EC-000102' });
  insertCartCustomer(db, { id: 20, memberId: 2, customerNumber: 'EC-000201' });
  insertCrosssellConfig(db, { id: 1, name: '青汁クロスセル', productName: '青汁', productCode: 'AOJIRU-1' });
  const requests: Array<[number, number, string, string]> = [
    [11, 1, 'done', '2026-11-01T15:30:00Z'],
    [12, 1, 'needs_manual', '2026-11-02T00:00:00Z'],
    [13, 2, 'new', '2026-11-03T00:00:00Z'],
    [14, 2, 'done', '2026-11-04T00:00:00Z'],
    [15, 3, 'queued', '2026-11-05T00:00:00Z'],
  ];
  for (const [id, memberId, status, requestedAt] of requests) {
    insertLocRequest(db, { id, memberId, kind: 'crosssell', crosssellConfigId: 1, status, requestedAt });
  }
  db.prepare(`UPDATE loc_requests SET completion_status = '対応完了', note = '電話で対応, 済み' WHERE id = 11`).run();
  db.prepare(`UPDATE loc_requests SET completion_status = '受付断念' WHERE id = 14`).run();
  db.prepare(`UPDATE loc_requests SET robot_result = ? WHERE id = 12`).run(
    JSON.stringify({ outcome: 'needs_manual', message: '商品コードがカートの商品マスタと一致しません', reportedAt: '2026-11-02T00:05:00Z' }),
  );
});
afterEach(() => db.close());

const ok = <T = unknown>(name: string, args: unknown) => resultOf<T>(api, name, args);

async function ids(args: Handlers['loc.list']['args']): Promise<number[]> {
  return (await ok<Handlers['loc.list']['result']>('loc.list', { sort: { field: 'id', direction: 'asc' }, ...args })).items.map((r) => r.id);
}

describe('loc.list completed and search', () => {
  it('splits finished requests from open ones and leaves both together by default', async () => {
    expect(await ids({ completed: true })).toEqual([11, 14]);
    expect(await ids({ completed: false })).toEqual([12, 13, 15]);
    expect(await ids({})).toEqual([11, 12, 13, 14, 15]);
    expect(await ids({ completed: true, status: ['needs_manual'] })).toEqual([]);
    expect((await ok<Handlers['loc.list']['result']>('loc.list', { completed: true })).total).toBe(2);
  });

  it('shows unsent operations on top of server state, but not ones the cloud rejected', async () => {
    const queue = db.prepare(`INSERT INTO outbox (op_id, kind, payload, created_at, state) VALUES (?, ?, ?, '2026-11-23T15:00:00Z', ?)`);
    queue.run('00000000-0000-4000-8000-000000000001', 'loc.setStatus', JSON.stringify({ requestId: 12, status: 'done', completionStatus: '対応不可' }), 'pending');
    queue.run('00000000-0000-4000-8000-000000000002', 'loc.reopen', JSON.stringify({ requestId: 14, reason: '再確認' }), 'pending');
    queue.run('00000000-0000-4000-8000-000000000003', 'loc.setStatus', JSON.stringify({ requestId: 13, status: 'done', completionStatus: '対応完了' }), 'rejected');
    expect(await ids({ completed: true })).toEqual([11, 12]);
    expect(await ids({ status: ['needs_manual', 'new'] })).toEqual([13, 14]);
    const page = await ok<Handlers['loc.list']['result']>('loc.list', { search: '12' });
    expect(page.items).toEqual([expect.objectContaining({ id: 12, status: 'done', completionStatus: '対応不可', completedAt: '2026-11-23T15:00:00Z' })]);
    const file = await ok<Handlers['loc.exportCsv']['result']>('loc.exportCsv', { search: '緑川', sort: { field: 'id', direction: 'asc' } });
    const csv = parse(Buffer.from(file.contentBase64, 'base64').toString('utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(csv.map((r) => [r.申請ID, r.ステータス, r.完了ステータス, r.メモ])).toEqual([
      ['13', '新規', '', ''],
      ['14', '要対応', '', '再確認'],
    ]);
  });

  it('finds by display name, name, LINE user id, customer number and request id', async () => {
    expect(await ids({ search: '山田' })).toEqual([11, 12]);
    expect(await ids({ search: '花子（ＶＩＰ' })).toEqual([11, 12]);
    expect(await ids({ search: '緑川' })).toEqual([13, 14]);
    expect(await ids({ search: 'みどり' })).toEqual([13, 14]);
    expect(await ids({ search: `U${(2).toString(16).padStart(32, '0')}` })).toEqual([13, 14]);
    expect(await ids({ search: 'EC-000102' })).toEqual([11, 12]);
    expect(await ids({ search: '000201' })).toEqual([13, 14]);
    expect(await ids({ search: '15' })).toEqual([15]);
    expect(await ids({ search: '１５' })).toEqual([15]);
    expect(await ids({ search: '  緑川  ', completed: true })).toEqual([14]);
    expect(await ids({ search: '%' })).toEqual([]);
    expect(await ids({ search: 'だれもいない' })).toEqual([]);
  });
});

describe('loc.exportCsv', () => {
  type Row = Record<(typeof locCsvHeaders)[number], string>;

  async function exported(args: Handlers['loc.exportCsv']['args']): Promise<{ filename: string; bytes: Buffer }> {
    const file = await ok<Handlers['loc.exportCsv']['result']>('loc.exportCsv', args);
    return { filename: file.filename, bytes: Buffer.from(file.contentBase64, 'base64') };
  }

  function rows(text: string): Row[] {
    return parse(text, { columns: true, bom: true }) as Row[];
  }

  it('writes UTF-8 with a BOM by default, Japanese headers, Tokyo times, and cells that round-trip', async () => {
    const { filename, bytes } = await exported({ sort: { field: 'id', direction: 'asc' } });
    expect(filename).toBe('loc-requests-20261124-0030.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).toBe(locCsvHeaders.join(','));
    const table = rows(text);
    expect(table.map((r) => r.申請ID)).toEqual(['11', '12', '13', '14', '15']);
    expect(table[0]).toEqual({
      申請ID: '11',
      申請日時: '2026-11-02 00:30:00',
      種別: 'クロスセル',
      ステータス: '完了',
      完了ステータス: '対応完了',
      完了者: '',
      LINE名: trickyName,
      氏名: '山田 花子',
      顧客番号: 'EC-000101 EC-000102',
      クロスセル設定: '青汁クロスセル',
      ロボット結果: '',
      メモ: '電話で対応, 済み',
    });
    expect(table[1]).toMatchObject({ ステータス: '要対応', ロボット結果: '要対応: 商品コードがカートの商品マスタと一致しません' });
    expect(table[2]!.LINE名).toBe('🍀みどり');
  });

  it('keeps a LINE name that looks like a formula from running in Excel', async () => {
    const { bytes } = await exported({ search: 'HYPERLINK' });
    const [row] = rows(bytes.toString('utf8'));
    expect(row).toMatchObject({ LINE名: `'=HYPERLINK("http://evil.example")`, 氏名: "'-佐藤" });
  });

  it('writes CP932 on request, without a BOM, replacing what it cannot encode instead of failing', async () => {
    const { filename, bytes } = await exported({ encoding: 'cp932', completed: true });
    expect(filename).toBe('completed-loc-requests-20261124-0030-sjis.csv');
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    // The bytes are Shift_JIS, not UTF-8 that happens to decode: 山 is 0x8E 0x52 in CP932.
    expect(bytes.includes(Buffer.from([0x8e, 0x52]))).toBe(true);
    const table = rows(iconv.decode(bytes, 'cp932'));
    expect(Object.keys(table[0]!)).toEqual([...locCsvHeaders]);
    expect(table.map((r) => [r.申請ID, r.LINE名, r.完了ステータス])).toEqual([
      ['14', '?みどり', '受付断念'],
      ['11', trickyName, '対応完了'],
    ]);
  });

  it('refuses an unknown encoding and an inverted date range', async () => {
    expect(await api.call('loc.exportCsv', { encoding: 'latin1' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await api.call('loc.exportCsv', { from: '2026-11-12T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toMatchObject({
      error: { kind: 'invalid_argument' },
    });
  });
});
