/**
 * The demo speaks Japanese. The core's own lines are Japanese already, but they are written for
 * the service's log: a prefix naming the part (robot, ecforce, sync), a state as stored, and a
 * line per cart operation the driver begins, named as in code; the tag rules' run and the daily
 * backup are reported in English. The demo shows them to a person: parts and states in the screens' words, the cart's
 * work by what it did (受注を作成しました, 停止しました…), not by the operation's name.
 */
const parts: Array<[prefix: string, shown: string]> = [
  ['robot: ', 'ロボット: '],
  ['ecforce: ', 'カート: '],
  ['sync: ', '同期: '],
  ['workstation: ', '端末: '],
];

// A few core lines add an English gloss for the service's log: 「… (a new workstation identity)」.
const ENGLISH_GLOSS = / \([A-Za-z][A-Za-z ,.'-]*\)/g;

// The LOC dashboard's status words.
const states: Record<string, string> = {
  new: '新規',
  queued: '待機中',
  done: '完了',
  failed_retryable: '再試行待ち',
  needs_manual: '手動対応',
};

const OPERATION_BEGUN = /^ecforce: [A-Za-z]+$/;
const BACKUP = /^Backed up the replica to (.+) \(\d+ pages, verified\)\.$/;
const TAG_RULES = /^Tag rules \(\w+, (\d+) members\): (\d+) changes \((\d+) added, (\d+) removed\)\.$/;
const STATE_ARROW = /→ ([a-z_]+):/;

/** The line as the demo prints it, or null for one a person has no use for. */
export function demoLogLine(line: string): string | null {
  if (OPERATION_BEGUN.test(line)) return null;
  const backup = BACKUP.exec(line);
  if (backup) return `レプリカを ${backup[1] ?? ''} にバックアップし、読み戻して確かめました。`;
  const rules = TAG_RULES.exec(line);
  if (rules) {
    const [, members = '0', changes = '0', added = '0', removed = '0'] = rules;
    if (members === '0') return null;
    return `タグ自動設定: 会員 ${Number(members).toLocaleString('ja-JP')} 人を確かめ、${changes} 件変更しました（付与 ${added}、解除 ${removed}）。`;
  }
  let shown = line.replace(ENGLISH_GLOSS, '');
  for (const [prefix, word] of parts) if (shown.startsWith(prefix)) shown = word + shown.slice(prefix.length);
  return shown.replace(STATE_ARROW, (arrow, state: string) => (states[state] ? `→ ${states[state]}:` : arrow));
}
