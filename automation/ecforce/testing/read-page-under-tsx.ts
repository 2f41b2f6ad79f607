import { launchRobotBrowser } from '../../browser';
import { AdminScreen } from '../pages/admin-screen';
import { readTable } from '../pages/table';

/**
 * Run by page-side.test.ts under tsx, which keeps function names the way `npm start` does: the
 * code the page objects send into the page must still run there. Prints what it read as JSON.
 */
class FactsReader extends AdminScreen {
  protected readonly screen = 'admin';
  protected readonly heading = 'テスト';
  protected readonly path = /.*/;
  protected readonly right = null;
  read(term: string) {
    return this.facts(term);
  }
}

const browser = await launchRobotBrowser();
try {
  const page = await browser.newPage();
  await page.setContent(`<table><thead><tr><th>商品コード</th><th>商品名</th></tr></thead>
<tbody><tr><td> SKN-003 </td><td>ＵＶカットミルク\u3000SPF50+</td></tr></tbody></table>
<dl><dt>受注番号</dt><dd>1000245001</dd><dt>ID</dt><dd>7</dd></dl>`);
  const rows = await readTable(page.locator('table'));
  const reader = new FactsReader({ page, baseUrl: 'http://127.0.0.1', elementTimeoutMs: 2_000, navigationTimeoutMs: 5_000, documentStatus: () => 200, screen: 'admin' });
  console.log(JSON.stringify({ cells: rows.map((r) => r.cells), facts: await reader.read('受注番号') }));
} finally {
  await browser.close();
}
