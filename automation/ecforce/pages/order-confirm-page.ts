import { applicationError, businessError, inputDetails, messages, pageDetails, screenOf } from '../errors';
import { AdminScreen } from './admin-screen';
import { OrderDetailPage } from './order-detail-page';

export interface ConfirmationSummary {
  customerNumber: string;
  productCode: string;
  productName: string;
  quantity: number;
}

const STEP_HEADING = '注文内容確認';

/** 受注作成's confirmation (注文内容確認); 確定する creates the order. */
export class OrderConfirmPage extends AdminScreen {
  protected readonly screen = 'orderConfirm';
  protected readonly heading = '受注作成';
  protected readonly path = /^\/admin\/orders\/confirm$/;
  protected readonly right = '受注作成' as const;
  protected override readonly stepHeading = STEP_HEADING;

  async summary(): Promise<ConfirmationSummary> {
    const facts = await this.facts('顧客番号');
    const table = this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: '数量', exact: true }) });
    const rows = await this.table(table, '注文商品の表');
    const [item, ...more] = rows;
    if (!item || more.length > 0) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.itemNotOne));
    return {
      customerNumber: facts['顧客番号'] ?? '',
      productCode: item.cells['商品コード'] ?? '',
      productName: item.cells['商品名'] ?? '',
      quantity: Number(item.cells['数量']),
    };
  }

  /** Presses 確定する and lands on the created order's 受注詳細. */
  async confirm(): Promise<OrderDetailPage> {
    const button = await this.one(this.button('確定する'), '確定するボタン');
    await this.navigateBy(() => button.click());
    const detail = new OrderDetailPage(this.deps);
    if (/^\/admin\/orders\/new/.test(new URL(this.page.url()).pathname)) {
      const { alerts } = await this.flash();
      throw businessError('order_rejected', messages.orderRejected(alerts.join(' ') || inputDetails.noReasonShown));
    }
    await detail.verify();
    return detail;
  }
}
