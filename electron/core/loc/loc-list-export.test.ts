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
  // 11 was asked for first but finished last: the completed list's dates are when it was finished.
  db.prepare(`UPDATE loc_requests SET completion_status = '対応完了', note = '電話で対応, 済み', completed_at = '2026-11-20T01:05:00.000Z' WHERE id = 11`).run();
  db.prepare(`UPDATE loc_requests SET completion_status = '受付断念', completed_at = '2026-11-04T15:10:00.000Z' WHERE id = 14`).run();
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
      ['14', '手動対応', '', '再確認'],
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

  it('finds by a memo, a name typed without its space or in kana, and a phone in another form', async () => {
    db.prepare(`UPDATE members SET name_kana = 'ミドリカワ スイ', phone = '+81 90-2222-3333' WHERE id = 2`).run();
    expect(await ids({ search: '電話で対応', completed: true })).toEqual([11]);
    expect(await ids({ search: '再確認' })).toEqual([]);
    expect(await ids({ search: '山田花子' })).toEqual([11, 12]);
    expect(await ids({ search: 'みどりかわ' })).toEqual([13, 14]);
    expect(await ids({ search: '09022223333', completed: true })).toEqual([14]);
  });

  it('filters the completed list by when a request was finished, in the shop\'s days', async () => {
    // 11/5 in Japan: 11/4 15:00 UTC to 11/5 15:00 UTC holds 14's completion, not its request (11/4 09:00 Japan).
    const japanNov5 = { from: '2026-11-04T15:00:00.000Z', to: '2026-11-05T15:00:00.000Z' };
    expect(await ids({ completed: true, dateField: 'completedAt', ...japanNov5 })).toEqual([14]);
    expect(await ids({ completed: true, ...japanNov5 })).toEqual([]);
    expect(await ids({ completed: true, dateField: 'completedAt', from: '2026-11-10T00:00:00.000Z' })).toEqual([11]);
    expect(await ids({ completed: true, dateField: 'completedAt', to: '2026-11-02T00:00:00.000Z' })).toEqual([]);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT id FROM loc_requests WHERE completed_at >= '2026-11-01' AND completed_at < '2026-11-02'`).all() as Array<{ detail: string }>)
      .map((p) => p.detail)
      .join(' ');
    expect(plan).toMatch(/INDEX loc_requests_completed/);
  });

  it('judges a request finished or reopened here and not yet synced by the completion time it shows', async () => {
    const queue = db.prepare(`INSERT INTO outbox (op_id, kind, payload, created_at, state) VALUES (?, ?, ?, '2026-11-23T15:00:00Z', 'pending')`);
    queue.run('00000000-0000-4000-8000-000000000011', 'loc.setStatus', JSON.stringify({ requestId: 12, status: 'done', completionStatus: '対応不可' }));
    queue.run('00000000-0000-4000-8000-000000000012', 'loc.reopen', JSON.stringify({ requestId: 14, reason: '再確認' }));
    const japanNov24 = { from: '2026-11-23T15:00:00.000Z', to: '2026-11-24T15:00:00.000Z' };
    expect(await ids({ completed: true, dateField: 'completedAt', ...japanNov24 })).toEqual([12]);
    expect(await ids({ dateField: 'completedAt', from: '2026-11-04T15:00:00.000Z', to: '2026-11-05T15:00:00.000Z' })).toEqual([]);
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

  it('writes UTF-8 with a BOM by default, Japanese headers, Japan times to the minute, and cells that round-trip', async () => {
    const { filename, bytes } = await exported({ sort: { field: 'id', direction: 'asc' } });
    expect(filename).toBe('loc-requests-20261124-0030.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.slice(1).split('\r\n')[0]).toBe(locCsvHeaders.join(','));
    const table = rows(text);
    expect(table.map((r) => r.申請ID)).toEqual(['11', '12', '13', '14', '15']);
    expect(table[0]).toEqual({
      申請ID: '11',
      申請日時: '2026/11/02 00:30',
      種別: 'クロスセル',
      ステータス: '完了',
      完了ステータス: '対応完了',
      完了日時: '2026/11/20 10:05',
      完了者: '',
      LINE名: trickyName,
      氏名: '山田 花子',
      顧客番号: 'EC-000101 EC-000102',
      クロスセル設定: '青汁クロスセル',
      商品: '青汁',
      ロボット結果: '',
      メモ: '電話で対応, 済み',
    });
    // The screen's word for a request that needs a person, in the status and the robot's result alike.
    expect(table[1]).toMatchObject({ ステータス: '手動対応', 完了日時: '', ロボット結果: '手動対応: 商品コードがカートの商品マスタと一致しません' });
    expect(table[2]!.LINE名).toBe('🍀みどり');
  });

  it('keeps a LINE name that looks like a formula from running in Excel', async () => {
    const { bytes } = await exported({ search: 'HYPERLINK' });
    const [row] = rows(bytes.toString('utf8'));
    expect(row).toMatchObject({ LINE名: `'=HYPERLINK("http://evil.example")`, 氏名: "'-佐藤" });
  });

  it('makes every cell that came from outside inert: customer numbers, statuses, config, product, memo', async () => {
    insertCartCustomer(db, { id: 30, memberId: 3, customerNumber: '=1+2' });
    insertCrosssellConfig(db, { id: 2, name: '@SUM(A1:A9)', productName: '+cmd|\' /C calc\'!A0', productCode: 'X-1' });
    db.prepare(`UPDATE loc_requests SET crosssell_config_id = 2, completion_status = '-2+3', note = ? WHERE id = 15`).run('\t=1+1');
    db.prepare(`UPDATE members SET name = '＝1+2' WHERE id = 3`).run();
    const [row] = rows((await exported({ search: '15' })).bytes.toString('utf8'));
    expect(row).toMatchObject({
      顧客番号: "'=1+2",
      クロスセル設定: "'@SUM(A1:A9)",
      商品: "'+cmd|' /C calc'!A0",
      完了ステータス: "'-2+3",
      メモ: "'\t=1+1",
      氏名: "'＝1+2",
    });
    // Every cell of every row, whatever its column: nothing begins as a formula would.
    const all = rows((await exported({ sort: { field: 'id', direction: 'asc' } })).bytes.toString('utf8'));
    for (const cell of all.flatMap((r) => Object.values(r))) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/u);
  });

  it('writes times in the shop\'s time zone once it is set to Taipei', async () => {
    expect(await ok('shop.setTimeZone', { timeZone: 'Asia/Taipei' })).toMatchObject({ timeZone: 'Asia/Taipei' });
    const { filename, bytes } = await exported({ search: '11', completed: true });
    expect(filename).toBe('completed-loc-requests-20261123-2330.csv');
    expect(rows(bytes.toString('utf8'))[0]).toMatchObject({ 申請日時: '2026/11/01 23:30', 完了日時: '2026/11/20 09:05' });
    expect(await api.call('shop.setTimeZone', { timeZone: 'Europe/London' })).toMatchObject({ error: { kind: 'invalid_argument' } });
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

  it('says which cells CP932 could not hold and what became 「?」, and nothing for UTF-8', async () => {
    db.prepare(`UPDATE loc_requests SET note = 'お礼😊済み' WHERE id = 11`).run();
    const file = await ok<Handlers['loc.exportCsv']['result']>('loc.exportCsv', { encoding: 'cp932', completed: true });
    expect(file.unencodable).toEqual([
      { requestId: 14, column: 'LINE名', characters: '🍀' },
      { requestId: 11, column: 'メモ', characters: '😊' },
    ]);
    const utf8 = await ok<Handlers['loc.exportCsv']['result']>('loc.exportCsv', { completed: true });
    expect(utf8.unencodable).toEqual([]);
    expect(rows(Buffer.from(utf8.contentBase64, 'base64').toString('utf8')).map((r) => r.メモ)).toContain('お礼😊済み');
  });

  it('refuses an unknown encoding and an inverted date range', async () => {
    expect(await api.call('loc.exportCsv', { encoding: 'latin1' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await api.call('loc.exportCsv', { from: '2026-11-12T00:00:00Z', to: '2026-11-01T00:00:00Z' })).toMatchObject({
      error: { kind: 'invalid_argument' },
    });
  });
});
