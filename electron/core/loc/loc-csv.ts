import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { LocExportRow } from '../db/queries/loc';
import { zonedDateMinute } from '../japan-time';

// csv-stringify does the quoting (commas, quotes, line breaks inside a cell) the way Excel reads
// it back, which a hand-rolled join gets wrong at the edges; iconv-lite carries the CP932 table
// that Node's own TextEncoder lacks (it only encodes UTF-8), for Excel set up to open Shift_JIS.

export type CsvEncoding = 'utf8-bom' | 'cp932';
export const csvEncodings = ['utf8-bom', 'cp932'] as const;
/** The member list's CSV makes text from outside inert the same way. */
export { inert };

export const locCsvHeaders = [
  '申請ID',
  '申請日時',
  '種別',
  'ステータス',
  '完了ステータス',
  '完了日時',
  '完了者',
  'LINE名',
  '氏名',
  '顧客番号',
  'クロスセル設定',
  '商品',
  'ロボット結果',
  'メモ',
] as const;

const kindLabels: Record<string, string> = { crosssell: 'クロスセル', upsell: 'アップセル', cancel: '解約' };

export const statusLabels: Record<string, string> = {
  new: '新規',
  queued: '待機中',
  leased: '確保済み',
  running: '処理中',
  done: '完了',
  failed_retryable: '再試行待ち',
  needs_manual: '手動対応',
};

/**
 * Text that came from outside (the cloud, the cart, a customer's LINE name, a note) that a
 * spreadsheet would run as a formula if it began with = + - @, a tab or a carriage return
 * (OWASP, CSV injection), full-width forms included as Excel reads those too: a leading
 * apostrophe makes it plain text.
 */
function inert(text: string | null | undefined): string {
  if (!text) return '';
  return /^[=+\-@\t\r＝＋－＠]/u.test(text) ? `'${text}` : text;
}

function robotResultText(stored: string | null): string {
  if (!stored) return '';
  try {
    const result = JSON.parse(stored) as { outcome?: string; message?: string | null };
    const outcome = result.outcome ? (statusLabels[result.outcome] ?? result.outcome) : '';
    return result.message ? `${outcome}: ${result.message}` : outcome;
  } catch {
    return stored;
  }
}

/** ロボット（workstation）or the staff member's name, as the completed list says it in Japanese. */
function finisherText(row: Pick<LocExportRow, 'finishedBy' | 'finishedByName'>): string {
  if (row.finishedBy === 'robot') return row.finishedByName ? `ロボット（${row.finishedByName}）` : 'ロボット';
  if (row.finishedBy === 'staff') return row.finishedByName ?? 'スタッフ（名前なし）';
  return '';
}

/** The cells of each row, in header order: dates in the shop's time zone, every outside text inert. */
export function locCsvRecords(rows: readonly LocExportRow[], timeZone: string): string[][] {
  return rows.map((row) => [
    String(row.id),
    zonedDateMinute(row.requestedAt, timeZone),
    inert(kindLabels[row.kind] ?? row.kind),
    inert(statusLabels[row.status] ?? row.status),
    inert(row.completionStatus),
    row.completedAt ? zonedDateMinute(row.completedAt, timeZone) : '',
    inert(finisherText(row)),
    inert(row.memberDisplayName),
    inert(row.memberName),
    inert(row.customerNumbers),
    inert(row.crosssellConfigName),
    inert(row.productName),
    inert(robotResultText(row.robotResult)),
    inert(row.note),
  ]);
}

export function locCsvText(records: readonly string[][]): string {
  return stringify(records as string[][], { header: true, columns: [...locCsvHeaders], record_delimiter: 'windows' });
}

/**
 * The bytes of the file. UTF-8 carries a BOM so Excel does not take it for Shift_JIS;
 * CP932 replaces a character it cannot hold (an emoji in a LINE name) with `?` instead of failing,
 * and cp932Losses says where.
 */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'cp932') return iconv.encode(text, 'cp932');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** A cell CP932 cannot hold whole: which request, which column, and the characters written as `?`. */
export interface Cp932Loss {
  requestId: number;
  column: (typeof locCsvHeaders)[number];
  characters: string;
}

export function cp932Losses(records: readonly string[][]): Cp932Loss[] {
  const losses: Cp932Loss[] = [];
  for (const record of records) {
    record.forEach((cell, i) => {
      if (iconv.decode(iconv.encode(cell, 'cp932'), 'cp932') === cell) return;
      const lost = [...new Set([...cell].filter((c) => iconv.decode(iconv.encode(c, 'cp932'), 'cp932') !== c))].join('');
      losses.push({ requestId: Number(record[0]), column: locCsvHeaders[i]!, characters: lost });
    });
  }
  return losses;
}
