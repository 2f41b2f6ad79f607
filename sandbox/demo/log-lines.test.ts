import { describe, expect, it } from 'vitest';
import { demoLogLine } from './log-lines';

describe('the demo log', () => {
  it('hides the cart operations a flow begins and names the parts and states in the screens’ words', () => {
    expect(demoLogLine('ecforce: createOrder')).toBeNull();
    expect(demoLogLine('ecforce: 受注 1000245001 を作成しました')).toBe('カート: 受注 1000245001 を作成しました');
    expect(demoLogLine('robot: LOC 3 → needs_manual: 重複: 同じ会員の…')).toBe('ロボット: LOC 3 → 手動対応: 重複: 同じ会員の…');
    expect(demoLogLine('workstation: このデータフォルダの端末 ID を作りました (a new workstation identity): 6984')).toBe('端末: このデータフォルダの端末 ID を作りました: 6984');
  });

  it('says a tag rule run and the backup in Japanese, and nothing for a run that looked at nobody', () => {
    expect(demoLogLine('Tag rules (full, 10000 members): 3 changes (2 added, 1 removed).')).toBe('タグ自動設定: 会員 10,000 人を確かめ、3 件変更しました（付与 2、解除 1）。');
    expect(demoLogLine('Tag rules (pending, 0 members): 0 changes (0 added, 0 removed).')).toBeNull();
    expect(demoLogLine('Backed up the replica to /x/replica-2026-12-04.sqlite (6316 pages, verified).')).toBe(
      'レプリカを /x/replica-2026-12-04.sqlite にバックアップし、読み戻して確かめました。',
    );
  });
});
