import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { Db } from '../db/open';
import { searchMembers, type MemberSearch } from '../db/queries/members';
import { encodeCsv, inert, type CsvEncoding } from '../loc/loc-csv';

/** Members per part: a part's rows, their tags and customer numbers stay a few hundred kilobytes whatever the shop's size. */
export const MEMBER_CSV_PART = 2000;

export const memberCsvHeaders = ['会員ID', 'LINEユーザーID', 'LINE表示名', '氏名', '電話番号', 'メールアドレス', '担当オペレーター', 'タグ', '顧客番号'] as const;

/** The member list's filters; the export takes the same as the list it was started from. */
export type MemberCsvFilters = Omit<MemberSearch, 'page' | 'pageSize' | 'afterId'>;

export interface MemberCsvPart {
  /** This part's bytes: the first part starts with the header (and the BOM in UTF-8), so the parts joined in order are the file. */
  bytes: Buffer;
  /** The id to continue after, or null when this was the last part. */
  nextAfterId: number | null;
  /** Members in this part and members the filters find after it. */
  rows: number;
  remaining: number;
  /** In CP932, the members of this part with a character it cannot hold (an emoji in a name), written as `?`. */
  unencodable: number[];
}

/**
 * One part of the member list as CSV, the members after `afterId` in id order. The file is
 * written part by part so neither the core nor one answer holds a 100,000-member shop at once,
 * and paging by id keeps the last part as quick as the first. Every text cell came from LINE,
 * the cart or the cloud, so each is made inert against spreadsheet formulas.
 */
export function memberCsvPart(db: Db, filters: MemberCsvFilters, encoding: CsvEncoding, afterId: number | null, size = MEMBER_CSV_PART): MemberCsvPart {
  const found = searchMembers(db, { ...filters, ...(afterId === null ? {} : { afterId }), page: 1, pageSize: size });
  const numbers = customerNumbersOf(db, found.items.map((m) => m.id));
  const records = found.items.map((m) => [
    String(m.id),
    inert(m.lineUserId),
    inert(m.displayName),
    inert(m.name),
    inert(m.phone),
    inert(m.email),
    inert(m.operator),
    inert(m.tags.join(' / ')),
    inert((numbers.get(m.id) ?? []).join(' / ')),
  ]);
  const first = afterId === null;
  const text = stringify(records, { header: first, columns: [...memberCsvHeaders], record_delimiter: 'windows' });
  // The BOM opens the file, not each part.
  const bytes = first || encoding === 'cp932' ? encodeCsv(text, encoding) : Buffer.from(text, 'utf8');
  const last = found.items.at(-1);
  const remaining = found.total - found.items.length;
  const unencodable = encoding === 'cp932' && !cp932Holds(text, bytes) ? found.items.filter((_, i) => !cp932Holds(records[i]!.join(''))).map((m) => m.id) : [];
  return { bytes, nextAfterId: remaining > 0 && last ? last.id : null, rows: found.items.length, remaining, unencodable };
}

function customerNumbersOf(db: Db, ids: number[]): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (ids.length === 0) return result;
  const rows = db
    .prepare(
      `SELECT member_id AS memberId, customer_number AS customerNumber FROM cart_customers
       WHERE member_id IN (SELECT value FROM json_each(?)) ORDER BY member_id, id`,
    )
    .all(JSON.stringify(ids)) as Array<{ memberId: number; customerNumber: string }>;
  for (const row of rows) {
    const list = result.get(row.memberId) ?? [];
    list.push(row.customerNumber);
    result.set(row.memberId, list);
  }
  return result;
}

/**
 * iconv-lite writes `?` for what CP932 lacks, and `?` (0x3F) is never part of a two-byte CP932
 * character, so the text lost nothing when its bytes hold no more of them than it had. Counting
 * them keeps characters CP932 holds under another code point from counting as lost, and costs
 * one pass over bytes already encoded instead of encoding every cell again.
 */
function cp932Holds(text: string, encoded: Buffer = iconv.encode(text, 'cp932')): boolean {
  let inText = 0;
  for (let i = text.indexOf('?'); i !== -1; i = text.indexOf('?', i + 1)) inText += 1;
  let inBytes = 0;
  for (let i = encoded.indexOf(0x3f); i !== -1; i = encoded.indexOf(0x3f, i + 1)) inBytes += 1;
  return inBytes === inText;
}
