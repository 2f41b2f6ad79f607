import { applicationError, businessError, messages, pageDetails, screenOf } from '../errors';
import { AdminScreen } from './admin-screen';
import { OrderFormPage } from './order-form-page';

export interface CustomerHit {
  customerNumber: string;
  name: string;
  phone: string;
  customerId: string;
}

/** 受注管理 > 受注作成, 既存顧客はこちらから: search by 顧客番号 and go 注文画面へ. */
export class OrderCreatePage extends AdminScreen {
  protected readonly screen = 'orderCreateCustomer';
  protected readonly heading = '受注作成';
  protected readonly path = /^\/admin\/orders\/new$/;
  protected readonly right = '受注作成' as const;

  async open(): Promise<void> {
    await this.goto('/admin/orders/new?customer_type=existing');
  }

  /** 既存顧客はこちらから, searched by 顧客番号. */
  async searchByCustomerNumber(customerNumber: string): Promise<void> {
    await this.searchWith(() => this.open(), { text: { キーワード: customerNumber }, choose: { 検索項目: '顧客番号' } });
  }

  /** The hit whose 顧客番号 is exactly this one; none → business error. */
  private async hit(customerNumber: string) {
    const table = this.page.getByRole('table').filter({ has: this.page.getByRole('columnheader', { name: '顧客番号', exact: true }) });
    if ((await table.count()) === 0) {
      if ((await this.page.getByText('該当する顧客が見つかりませんでした。', { exact: true }).count()) > 0) {
        throw businessError('customer_not_found', messages.customerNotFound(customerNumber));
      }
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.resultsTableMissing));
    }
    const rows = (await this.table(table, '検索結果の表', '注文画面へ')).filter((r) => r.cells['顧客番号'] === customerNumber);
    if (rows.length === 0) throw businessError('customer_not_found', messages.customerNotFound(customerNumber));
    if (rows.length > 1) throw businessError('customer_ambiguous', messages.customerAmbiguous(customerNumber));
    return rows[0]!;
  }

  /** The customer found, remembering where their 注文画面へ leads so createOrder can go straight there. */
  async customer(customerNumber: string): Promise<CustomerHit> {
    const { cells, links } = await this.hit(customerNumber);
    if (links.length === 1) this.deps.memory?.orderForms.set(customerNumber, links[0]!);
    return { customerNumber, name: cells['氏名'] ?? '', phone: cells['電話番号'] ?? '', customerId: cells['顧客ID'] ?? '' };
  }

  async goToOrderForm(customerNumber: string): Promise<OrderFormPage> {
    const { row } = await this.hit(customerNumber);
    const toForm = await this.one(this.link('注文画面へ', row), '注文画面へ');
    await this.navigateBy(() => toForm.click());
    const form = new OrderFormPage(this.deps);
    await form.verify();
    return form;
  }
}
