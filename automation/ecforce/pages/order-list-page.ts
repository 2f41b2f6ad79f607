import { applicationError, messages, pageDetails, screenOf } from '../errors';
import { AdminScreen } from './admin-screen';
import { OrderDetailPage } from './order-detail-page';
import { onlyLink, type TableRow } from './table';

export interface OrderSearch {
  orderNumber?: string;
  customerNumber?: string;
  memo?: string;
}

export interface OrderListRow {
  orderNumber: string;
  customerNumber: string;
  orderId: string;
}

/** 受注管理 > 受注管理: search by 受注番号, 顧客番号 and 受注備考, and page through the hits. */
export class OrderListPage extends AdminScreen {
  protected readonly screen = 'orderList';
  protected readonly heading = '受注管理';
  protected readonly path = /^\/admin\/orders$/;
  protected readonly right = '受注管理' as const;

  async open(): Promise<void> {
    await this.goto('/admin/orders');
  }

  /** The list searched by 受注番号, 顧客番号 and 受注備考 (blank ones match everything). */
  async search(search: OrderSearch): Promise<void> {
    await this.searchWith(() => this.open(), {
      text: { 受注番号: search.orderNumber ?? '', 顧客番号: search.customerNumber ?? '', 受注備考: search.memo ?? '' },
    });
  }

  /** Every hit on every page, from the current page on (bounded, a marker search has few). */
  allRows(maxPages = 20): Promise<OrderListRow[]> {
    return this.allHits({ empty: '該当する受注はありません。', keyColumn: '受注番号', what: '受注一覧' }, (row) => this.toRow(row), maxPages);
  }

  async openDetail(orderId: string): Promise<OrderDetailPage> {
    const detail = new OrderDetailPage(this.deps);
    await detail.open(orderId);
    return detail;
  }

  private toRow(row: TableRow): OrderListRow {
    const orderId = /\/admin\/orders\/(\d+)\/edit/.exec(onlyLink(row, '詳細/編集', this.screen))?.[1];
    if (!orderId) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.linkUnreadable));
    return { orderNumber: row.cells['受注番号'] ?? '', customerNumber: row.cells['顧客番号'] ?? '', orderId };
  }
}
