import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('code the page objects run inside the page', () => {
  it('works when the driver runs under tsx (names kept, as npm start runs it)', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const out = execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['automation/ecforce/testing/read-page-under-tsx.ts'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({
      cells: [{ 商品コード: 'SKN-003', 商品名: 'ＵＶカットミルク\u3000SPF50+' }],
      facts: { 受注番号: '1000245001', ID: '7' },
    });
  });
});
