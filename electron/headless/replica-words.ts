import type { ReplicaRefusal } from '../core/db/replica-recovery';
import { formatTokyo, zonedDateMinute } from '../core/japan-time';

const what = {
  empty: {
    ja: 'この PC のデータベース（{file}）が空（0 バイト）になっています。',
    en: "This PC's database ({file}) is empty (0 bytes).",
  },
  truncated: {
    ja: 'この PC のデータベース（{file}）が途中で切れていて、最後まで読めません。',
    en: "This PC's database ({file}) is cut short and cannot be read to the end.",
  },
  not_sqlite: {
    ja: 'この PC のデータベース（{file}）の中身がデータベースではありません。',
    en: "This PC's database ({file}) does not hold a database any more.",
  },
  check_failed: {
    ja: 'この PC のデータベース（{file}）の中身が壊れています（検査で見つかりました）。',
    en: "This PC's database ({file}) is damaged inside (its check found it).",
  },
} as const;

/**
 * What the headless shell prints when the core refuses a damaged replica: Japanese first, the
 * same in English below, as the shell's other lines to a shop's IT person. Says what happened,
 * that nothing was deleted, the backup on offer, and the two ways on.
 */
export function replicaRefusalText(refusal: ReplicaRefusal, file: string): string {
  const { backup } = refusal;
  const ja = [
    what[refusal.damage].ja.replace('{file}', file),
    'このまま空のデータベースで始めることはしません。壊れたファイルは消さずにそのまま残してあります。',
    backup
      ? `最新のバックアップ: ${formatTokyo(backup.takenAt)}。クラウドにまだ送っていない操作を ${backup.unsent} 件含みます。`
      : 'バックアップがありません。',
    ...(refusal.restoreImpossible ? ['バックアップがないので --restore-backup では戻せません。'] : []),
    ...(backup ? ['バックアップから戻すには --restore-backup を付けて起動してください（壊れたファイルは別の名前で残します）。'] : []),
    '空のデータベースで始めるには --start-fresh を付けて起動してください（壊れたファイルは別の名前で残します。' +
      'クラウドのデータは同期で戻りますが、まだ送っていない操作は戻りません）。',
  ];
  const en = [
    what[refusal.damage].en.replace('{file}', file),
    'Tanto will not start on an empty database in its place. The damaged file is kept as it is; nothing was deleted.',
    backup
      ? `Latest backup: ${zonedDateMinute(backup.takenAt, 'Asia/Tokyo')} (Japan time), holding ${backup.unsent} operations not yet sent to the cloud.`
      : 'There is no backup.',
    ...(refusal.restoreImpossible ? ['There is no backup, so --restore-backup cannot bring it back.'] : []),
    ...(backup ? ['To restore the backup, start again with --restore-backup (the damaged file is kept under another name).'] : []),
    'To start with an empty database, start again with --start-fresh (the damaged file is kept under another name; ' +
      "the cloud's data comes back by sync, operations not yet sent do not).",
  ];
  return [...ja, '', ...en].join('\n');
}
