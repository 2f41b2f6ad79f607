import type { Demo } from './start-demo';

const tables: Array<[label: string, table: string]> = [
  ['会員', 'members'],
  ['カート顧客', 'cart_customers'],
  ['商品', 'products'],
  ['受注', 'orders'],
  ['定期', 'subscriptions'],
  ['タグ', 'tags'],
  ['会員のタグ', 'member_tags'],
  ['クロスセル設定', 'crosssell_configs'],
  ['LOC申請', 'loc_requests'],
];

/** East Asian letters take two columns in a terminal; labels are padded by what they take. */
const columns = (text: string) => [...text].reduce((n, c) => n + ((c.codePointAt(0) ?? 0) < 0x100 ? 1 : 2), 0);
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - columns(text)));

export interface SummaryOptions {
  /** How the demo was started, so the fresh-start hint names the same folder. */
  folderArgs: string[];
}

/** One screen: where to look, how to sign in to the cart, where the shop is kept, and what the replica holds. */
export function demoSummary(demo: Demo, options: SummaryOptions): string {
  const db = demo.app.core.db;
  const status = demo.app.core.sync.status();
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const width = Math.max(...tables.map(([label]) => columns(label)));
  const fresh = ['npm run demo --', ...options.folderArgs, '--fresh'].join(' ');
  const robotRunning = demo.app.core.robot?.status().running ?? false;
  return [
    '',
    'Tanto のデモが動いています。',
    `  画面（ブラウザで開く）  ${demo.app.shell.url}`,
    `  ecforce 管理画面       ${demo.ecforce.url}/admin`,
    `    ログイン             ${demo.cartViewer.email}  パスワード ${demo.cartViewer.password}（受注と定期受注の閲覧用。起動ごとに変わります）`,
    `  クラウド（模擬）       ${demo.cloud.url}`,
    `  LINE（模擬）           ${demo.line.url}`,
    `  デモフォルダ           ${demo.folder}`,
    demo.reopened
      ? `    前回のショップを開きました。新しいショップで始めるには: ${fresh}`
      : `    新しいショップを作りました。次回もこのショップが開きます。新しいショップで始めるには: ${fresh}`,
    '',
    `同期: ${demo.firstSync.applied.toLocaleString('ja-JP')} 件の変更を ${(demo.syncMs / 1000).toFixed(1)} 秒で取り込みました` +
      `（未取り込み ${status.lag}、送信待ち ${status.pending}、保留 ${status.quarantined.length}）。`,
    ...tables.map(([label, table]) => `  ${pad(label, width)}  ${count(table).toLocaleString('ja-JP')}`),
    '',
    robotRunning
      ? 'ロボット: 動いています。'
      : 'ロボット: 停止中。画面の「ロボットコンソール」で「開始」を押すか、npm run demo -- --robot で起動してください。',
    '終了するには Ctrl-C を押してください。',
  ].join('\n');
}
