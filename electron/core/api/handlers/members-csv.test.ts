import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCartCustomer, insertMember, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';
import { tempDir } from '../../../../test/fixtures/tmp';
import { openDatabase, type Db } from '../../db/open';
import { createEventBus } from '../../events';
import { memberCsvHeaders, memberCsvPart, MEMBER_CSV_PART } from '../../members/member-csv';
import { setShopTimeZone } from '../../shop/time-zone';
import type { SyncService } from '../../sync/types';
import { handlers } from '../handlers';
import { createApi, type Api } from '../registry';
import type { MemberCsvPartFile } from './members-csv';

/**
 * The member list's tag filters (all / any / none) and its CSV export, on a replica seeded with
 * members whose tags follow their id, so what each filter must find can be worked out by hand.
 */

const VIP = 1;
const SUBSCRIBER = 2;
const LAPSED = 3;
const MEMBERS = 5000;

/** Member n: VIP when n % 2 == 0, subscriber when n % 3 == 0, lapsed when n % 5 == 0. */
const tagsOf = (n: number) => [n % 2 === 0 && VIP, n % 3 === 0 && SUBSCRIBER, n % 5 === 0 && LAPSED].filter((t): t is number => t !== false);

let tmp: ReturnType<typeof tempDir>;
let db: Db;
let api: Api;

beforeAll(() => {
  tmp = tempDir('tanto-member-csv-');
  db = openDatabase(`${tmp.dir}/replica.sqlite`);
  db.transaction(() => {
    insertTag(db, VIP, 'VIP');
    insertTag(db, SUBSCRIBER, '定期購入中');
    insertTag(db, LAPSED, '=休眠');
    for (let id = 1; id <= MEMBERS; id++) {
      insertMember(db, { id, displayName: `会員${id}`, name: `山田 ${id}`, phone: `090-0000-${String(id).padStart(4, '0')}`, email: `m${id}@example.jp` });
      insertCartCustomer(db, { id, memberId: id, customerNumber: `EC${String(id).padStart(6, '0')}` });
      for (const tag of tagsOf(id)) tagMember(db, id, tag);
    }
    // Text from LINE and the cart that a spreadsheet would run as a formula.
    db.prepare(`UPDATE members SET display_name = '=HYPERLINK("http://evil.example","見る")', name = '+81 3', email = '@SUM(1)', operator = '-担当' WHERE id = 6`).run();
    db.prepare(`UPDATE members SET display_name = ?, name = ? WHERE id = 12`).run('\tタブ🌸', '\r改行');
    db.prepare(`UPDATE cart_customers SET customer_number = '=1+2' WHERE member_id = 6`).run();
  })();
  db.exec('ANALYZE');
  const noSync = {} as SyncService;
  api = createApi(handlers, { db, clock: { now: () => new Date('2026-12-04T01:02:03Z') }, events: createEventBus(), sync: noSync }, () => {});
});
afterAll(() => {
  db.close();
  tmp.remove();
});

const expected = (keep: (tags: number[]) => boolean) => Array.from({ length: MEMBERS }, (_, i) => i + 1).filter((n) => keep(tagsOf(n)));
const search = (args: object) => resultOf<{ total: number; items: Array<{ id: number }> }>(api, 'members.search', { ...args, pageSize: 500 });

describe('members.search with tag filters', () => {
  it('finds members with all of the tags, with any of them, and without others', async () => {
    const all = await search({ tags: { all: [VIP, SUBSCRIBER] } });
    expect(all.total).toBe(expected((t) => t.includes(VIP) && t.includes(SUBSCRIBER)).length);
    expect(all.items.map((m) => m.id)).toEqual(expected((t) => t.includes(VIP) && t.includes(SUBSCRIBER)).slice(0, 500));

    const any = await search({ tags: { any: [SUBSCRIBER, LAPSED] } });
    expect(any.total).toBe(expected((t) => t.includes(SUBSCRIBER) || t.includes(LAPSED)).length);

    const none = await search({ tags: { none: [VIP, LAPSED] } });
    expect(none.total).toBe(expected((t) => !t.includes(VIP) && !t.includes(LAPSED)).length);
    expect(none.items.map((m) => m.id)).toEqual(expected((t) => !t.includes(VIP) && !t.includes(LAPSED)).slice(0, 500));
  });

  it('combines all, any and none with the text search', async () => {
    const mixed = await search({ tags: { all: [VIP], any: [SUBSCRIBER, LAPSED], none: [LAPSED] } });
    const want = expected((t) => t.includes(VIP) && t.includes(SUBSCRIBER) && !t.includes(LAPSED));
    expect(mixed.total).toBe(want.length);
    expect(mixed.items.map((m) => m.id)).toEqual(want.slice(0, 500));
    // A name search narrows the same filter: 「山田 42」 is in the names of the members whose id starts with 42.
    const named = await search({ query: '山田 42', tags: { all: [VIP, SUBSCRIBER], none: [LAPSED] } });
    expect(named.items.map((m) => m.id)).toEqual(want.filter((n) => String(n).startsWith('42')));
    expect(named.items.length).toBe(15);
  });

  it('finds nobody for a tag both required and excluded', async () => {
    expect((await search({ tags: { all: [VIP], none: [VIP] } })).total).toBe(0);
  });

  it('counts a bulk tag change over the members the filters list, not the whole shop', async () => {
    const filters = { tags: { all: [SUBSCRIBER], none: [VIP] } };
    const dryRun = await resultOf<{ matched: number; changed: number }>(api, 'members.bulkTag', { ...filters, tagId: LAPSED, action: 'add', dryRun: true });
    expect(dryRun.matched).toBe(expected((t) => t.includes(SUBSCRIBER) && !t.includes(VIP)).length);
    expect(dryRun.changed).toBe(expected((t) => t.includes(SUBSCRIBER) && !t.includes(VIP) && !t.includes(LAPSED)).length);
  });

  it('refuses a tag that is not an id', async () => {
    expect((await refusalOf(api, 'members.search', { tags: { all: ['VIP'] } })).kind).toBe('invalid_argument');
  });

  it('uses member_tags by tag for each filter, never a scan of member_tags', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT m.id FROM members m
         WHERE m.id IN (SELECT member_id FROM member_tags WHERE tag_id = 1)
           AND m.id NOT IN (SELECT member_id FROM member_tags WHERE tag_id IN (2, 3)) ORDER BY m.id LIMIT 50`,
      )
      .all() as Array<{ detail: string }>;
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toMatch(/member_tags USING COVERING INDEX member_tags_tag \(tag_id=\?\)/);
    expect(details).not.toMatch(/SCAN member_tags/);
  });
});

/** Every part from the first to the last, as the screen asks for them. */
async function exportAll(args: object): Promise<{ parts: MemberCsvPartFile[]; bytes: Buffer }> {
  const parts: MemberCsvPartFile[] = [];
  let afterId: number | null = null;
  do {
    const part: MemberCsvPartFile = await resultOf<MemberCsvPartFile>(api, 'members.exportCsv', { ...args, afterId });
    parts.push(part);
    afterId = part.nextAfterId;
  } while (afterId !== null);
  return { parts, bytes: Buffer.concat(parts.map((p) => Buffer.from(p.contentBase64, 'base64'))) };
}

const rowsOf = (text: string) => parse(text, { bom: true }) as string[][];

describe('members.exportCsv', () => {
  it('writes the filtered members in parts that join into one UTF-8 file with one BOM and one header', async () => {
    const { parts, bytes } = await exportAll({ tags: { none: [VIP] } });
    const want = expected((t) => !t.includes(VIP));
    expect(parts.length).toBe(Math.ceil(want.length / MEMBER_CSV_PART));
    expect(parts.every((p) => p.rows <= MEMBER_CSV_PART && p.filename === 'members-20261204-1002.csv')).toBe(true);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.indexOf(Buffer.from([0xef, 0xbb, 0xbf]), 3)).toBe(-1);
    const rows = rowsOf(bytes.toString('utf8'));
    expect(rows[0]).toEqual([...memberCsvHeaders]);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(want);
    expect(rows.find((r) => r[0] === '15')).toEqual(['15', `U${(15).toString(16).padStart(32, '0')}`, '会員15', '山田 15', '090-0000-0015', 'm15@example.jp', '', "'=休眠 / 定期購入中", 'EC000015']);
  });

  it('applies the text search and every tag filter as the list does', async () => {
    const { bytes } = await exportAll({ query: '山田 42', tags: { all: [VIP, SUBSCRIBER], none: [LAPSED] } });
    const listed = await search({ query: '山田 42', tags: { all: [VIP, SUBSCRIBER], none: [LAPSED] } });
    expect(rowsOf(bytes.toString('utf8')).slice(1).map((r) => Number(r[0]))).toEqual(listed.items.map((m) => m.id));
  });

  it('makes every cell from outside inert against spreadsheet formulas', async () => {
    const { bytes } = await exportAll({ tags: { all: [VIP, SUBSCRIBER], none: [LAPSED] } });
    const rows = rowsOf(bytes.toString('utf8'));
    const six = rows.find((r) => r[0] === '6')!;
    expect(six).toEqual([
      '6',
      `U${(6).toString(16).padStart(32, '0')}`,
      `'=HYPERLINK("http://evil.example","見る")`,
      "'+81 3",
      '090-0000-0006',
      "'@SUM(1)",
      "'-担当",
      'VIP / 定期購入中',
      "'=1+2",
    ]);
    const twelve = rows.find((r) => r[0] === '12')!;
    expect(twelve.slice(2, 4)).toEqual(["'\tタブ🌸", "'\r改行"]);
    for (const cell of rows.slice(1).flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("stamps the file name in the shop's time zone", async () => {
    setShopTimeZone(db, 'Asia/Taipei');
    try {
      expect((await exportAll({ tags: { all: [VIP] } })).parts[0]!.filename).toBe('members-20261204-0902.csv');
    } finally {
      setShopTimeZone(db, 'Asia/Tokyo');
    }
  });

  it('writes CP932 for Excel set to Shift_JIS and names the members whose text it could not hold', async () => {
    const { parts, bytes } = await exportAll({ encoding: 'cp932', tags: { all: [VIP, SUBSCRIBER], none: [LAPSED] } });
    expect(parts[0]!.filename).toBe('members-20261204-1002-sjis.csv');
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const rows = rowsOf(iconv.decode(bytes, 'cp932'));
    expect(rows[0]).toEqual([...memberCsvHeaders]);
    expect(rows.find((r) => r[0] === '18')?.slice(2, 4)).toEqual(['会員18', '山田 18']);
    expect(rows.find((r) => r[0] === '12')?.[2]).toBe("'\tタブ?");
    expect(parts.flatMap((p) => p.unencodable)).toEqual([12]);
    // Read as UTF-8 the same bytes are not the text: the file really is Shift_JIS.
    expect(bytes.toString('utf8')).not.toContain('会員18');
  });

  it('pages by member id, so the last part costs what the first does', () => {
    const first = memberCsvPart(db, {}, 'utf8-bom', null, 1000);
    const last = memberCsvPart(db, {}, 'utf8-bom', MEMBERS - 10, 1000);
    expect(first).toMatchObject({ rows: 1000, nextAfterId: 1000, remaining: MEMBERS - 1000 });
    expect(last).toMatchObject({ rows: 10, nextAfterId: null, remaining: 0 });
    expect(rowsOf(last.bytes.toString('utf8')).map((r) => Number(r[0]))).toEqual(Array.from({ length: 10 }, (_, i) => MEMBERS - 9 + i));
  });
});
