import { applicationError, businessError, inputDetails, listOf, messages, pageDetails, screenOf, type Said } from '../errors';
import { AdminScreen } from './admin-screen';
import { OrderConfirmPage } from './order-confirm-page';

export interface OrderFields {
  quantity: number;
  paymentMethod: string;
  memo: string;
}

const STEP_HEADING = '注文内容入力';

/** 受注作成's order screen (注文画面): product by code, quantity, payment method and 受注備考欄. */
export class OrderFormPage extends AdminScreen {
  protected readonly screen = 'orderForm';
  protected readonly heading = '受注作成';
  protected readonly path = /^\/admin\/orders\/new\/form$/;
  protected readonly right = '受注作成' as const;
  protected override readonly stepHeading = STEP_HEADING;

  /** The address of this order screen, to come back to it when a step is retried. */
  address(): string {
    return this.page.url();
  }

  async reopen(address: string): Promise<void> {
    const url = new URL(address);
    await this.goto(url.pathname + url.search);
  }

  async searchProduct(code: string): Promise<void> {
    await this.strictly(this.labelled('商品検索（商品コード・商品名）'), '商品検索', (field) => field.fill(code));
    const search = await this.one(this.button('商品を検索'), '商品を検索ボタン');
    await this.navigateBy(() => search.click());
    await this.verify();
  }

  /**
   * Chooses the product whose 商品コード is exactly the code, after checking its 商品名 is
   * exactly the name: both must match the product master as the shop configured them.
   */
  async chooseProduct(code: string, name: string): Promise<void> {
    const table = this.page.getByRole('table', { name: /^商品検索結果/ });
    if ((await table.count()) === 0) {
      if ((await this.page.getByText('該当する商品がありません。', { exact: true }).count()) > 0) {
        throw businessError('product_not_found', messages.productNotFound(code));
      }
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.productResultsMissing));
    }
    const rows = (await this.table(table, '商品検索結果の表')).filter((r) => r.cells['商品コード'] === code);
    const hit = rows[0];
    if (!hit) throw businessError('product_not_found', messages.productNotFound(code));
    if (rows.length > 1) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.productShownTwice(code)));
    const masterName = hit.cells['商品名'] ?? '';
    if (masterName !== name) throw businessError('product_name_mismatch', messages.productNameMismatch(masterName, name));
    const choose = await this.one(this.link('選択', hit.row), '選択');
    await this.navigateBy(() => choose.click());
    await this.verify();
    const selected = await this.selectedProduct();
    if (selected.code !== code || selected.name !== name) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.chosenProductMissing));
    }
  }

  async selectedProduct(): Promise<{ code: string; name: string }> {
    const [row, ...more] = await this.table(this.page.getByRole('table', { name: '選択中の商品', exact: true }), '選択中の商品');
    if (!row || more.length > 0) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.chosenNotOne));
    return { code: row.cells['商品コード'] ?? '', name: row.cells['商品名'] ?? '' };
  }

  async fill(fields: OrderFields): Promise<void> {
    const payment = await this.one(this.labelled('決済方法'), '決済方法');
    const offered = (await payment.locator('option').allInnerTexts()).map((t) => t.trim());
    if (!offered.includes(fields.paymentMethod)) {
      throw businessError('invalid_input', messages.invalidInput(inputDetails.paymentMethodUnavailable(fields.paymentMethod, listOf(offered))));
    }
    await this.strictly(this.labelled('数量'), '数量', (field) => field.fill(String(fields.quantity)));
    await payment.selectOption({ label: fields.paymentMethod });
    await this.strictly(this.labelled('受注備考欄'), '受注備考欄', (field) => field.fill(fields.memo));
  }

  async toConfirmation(): Promise<OrderConfirmPage> {
    const next = await this.one(this.button('確認画面へ'), '確認画面へボタン');
    await this.navigateBy(() => next.click());
    if (this.path.test(new URL(this.page.url()).pathname)) {
      await this.verify();
      const { alerts } = await this.flash();
      throw businessError('order_rejected', messages.orderRejected(errorsOf(alerts)));
    }
    const confirmation = new OrderConfirmPage(this.deps);
    await confirmation.verify();
    return confirmation;
  }
}

export function errorsOf(alerts: string[]): string | Said {
  return alerts.join(' ').replace(/\s+/g, ' ').trim() || inputDetails.noReasonShown;
}
