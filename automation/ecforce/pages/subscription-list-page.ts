import { applicationError, listOf, messages, pageDetails, screenOf } from '../errors';
import { AdminScreen } from './admin-screen';
import { SubscriptionDetailPage } from './subscription-detail-page';
import { onlyLink, type TableRow } from './table';

export interface SubscriptionSearch {
  number?: string;
  customerNumber?: string;
}

export interface SubscriptionRow {
  id: string;
  number: string;
  customerNumber: string;
  productName: string;
  productCode: string;
  orderCount: number;
  status: string;
}

/** 受注管理 > 定期受注管理: search by 定期受注番号 or 顧客番号 (every status), and page through the hits. */
export class SubscriptionListPage extends AdminScreen {
  protected readonly screen = 'subscriptionList';
  protected readonly heading = '定期受注管理';
  protected readonly path = /^\/admin\/subs_orders$/;
  protected readonly right = '定期受注管理' as const;

  async open(): Promise<void> {
    await this.goto('/admin/subs_orders');
  }

  /** The list searched by 定期受注番号 or 顧客番号, every ステータス. */
  async search(search: SubscriptionSearch): Promise<void> {
    await this.searchWith(() => this.open(), {
      text: { 定期受注番号: search.number ?? '', 顧客番号: search.customerNumber ?? '' },
      choose: { ステータス: 'すべて' },
    });
  }

  async openDetail(id: string): Promise<SubscriptionDetailPage> {
    const detail = new SubscriptionDetailPage(this.deps);
    await detail.open(id);
    return detail;
  }

  allRows(maxPages = 20): Promise<SubscriptionRow[]> {
    return this.allHits({ empty: '該当する定期受注はありません。', keyColumn: '定期受注番号', what: '定期受注一覧' }, (row) => this.toRow(row), maxPages);
  }

  private toRow(row: TableRow): SubscriptionRow {
    const id = /\/admin\/subs_orders\/(\d+)\/edit/.exec(onlyLink(row, '詳細/編集', this.screen))?.[1];
    const { cells } = row;
    const required = ['定期受注番号', '顧客番号', '商品名', '商品コード', '定期内受注数', 'ステータス'];
    const missing = required.filter((h) => !(h in cells));
    if (!id || missing.length > 0) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), missing.length ? pageDetails.columnsMissing(listOf(missing)) : pageDetails.linkUnreadable));
    }
    return {
      id,
      number: cells['定期受注番号'] ?? '',
      customerNumber: cells['顧客番号'] ?? '',
      productName: cells['商品名'] ?? '',
      productCode: cells['商品コード'] ?? '',
      orderCount: Number(cells['定期内受注数']),
      status: cells['ステータス'] ?? '',
    };
  }
}
