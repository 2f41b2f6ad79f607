import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import type { LocExportRow } from '../db/queries/loc';
import { tokyoDateTime } from '../japan-time';

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
  'LINE名',
  '氏名',
  '顧客番号',
  'クロスセル設定',
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
  needs_manual: '要対応',
};

/**
 * Text a customer or the cart wrote (LINE names, notes) that Excel would run as a formula
 * if it began with = + - @ or a control character; a leading apostrophe makes it plain text.
 */
function inert(text: string | null): string {
  if (!text) return '';
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
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

export function locCsvText(rows: readonly LocExportRow[]): string {
  const records = rows.map((row) => [
    String(row.id),
    tokyoDateTime(row.requestedAt),
    kindLabels[row.kind] ?? row.kind,
    statusLabels[row.status] ?? row.status,
    row.completionStatus ?? '',
    inert(row.memberDisplayName),
    inert(row.memberName),
    row.customerNumbers ?? '',
    inert(row.crosssellConfigName),
    inert(robotResultText(row.robotResult)),
    inert(row.note),
  ]);
  return stringify(records, { header: true, columns: [...locCsvHeaders], record_delimiter: 'windows' });
}

/**
 * The bytes of the file. UTF-8 carries a BOM so Excel does not take it for Shift_JIS;
 * CP932 replaces a character it cannot hold (an emoji in a LINE name) with `?` instead of failing.
 */
export function encodeCsv(text: string, encoding: CsvEncoding): Buffer {
  if (encoding === 'cp932') return iconv.encode(text, 'cp932');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}
