import { applicationError, messages } from '../errors';
import { AdminScreen } from './admin-screen';

export interface OrderFacts {
  orderId: string;
  orderNumber: string;
  customerNumber: string;
  /** 定期受注番号 of the subscription the order started or belongs to; null when it shows '-'. */
  subscriptionNumber: string | null;
}

const SAVED_NOTICE = '受注を更新しました。';

/** 受注詳細 (詳細/編集) on its 基本設定 tab, where the 受注備考欄 is. */
export class OrderDetailPage extends AdminScreen {
  protected readonly screen = '受注詳細';
  protected readonly heading = '受注詳細';
  protected readonly path = /^\/admin\/orders\/\d+\/edit$/;
  protected readonly right = '受注管理' as const;

  async open(orderId: string): Promise<void> {
    await this.goto(`/admin/orders/${encodeURIComponent(orderId)}/edit`);
  }

  async orderFacts(): Promise<OrderFacts> {
    await this.ensureBasicTab();
    const facts = await this.facts('受注番号');
    const orderNumber = facts['受注番号'] ?? '';
    if (!/^\d{10}$/.test(orderNumber)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, '受注番号が読み取れません'));
    }
    // '-' means no subscription; anything else unreadable must not pass for "none".
    const subscriptionNumber = facts['定期受注番号'];
    if (subscriptionNumber === undefined || (subscriptionNumber !== '-' && !/^\d{10}$/.test(subscriptionNumber))) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, '定期受注番号が読み取れません'));
    }
    return {
      orderId: facts['ID'] ?? '',
      orderNumber,
      customerNumber: facts['顧客番号'] ?? '',
      subscriptionNumber: subscriptionNumber === '-' ? null : subscriptionNumber,
    };
  }

  async memo(): Promise<string> {
    await this.ensureBasicTab();
    return normalize(await (await this.one(this.labelled('受注備考欄'), '受注備考欄')).inputValue());
  }

  /** Saves the whole memo and checks the site says so and shows it back unchanged. */
  async saveMemo(memo: string): Promise<void> {
    await this.ensureBasicTab();
    const field = await this.one(this.labelled('受注備考欄'), '受注備考欄');
    const save = await this.one(this.button('更新する'), '更新するボタン');
    await field.fill(memo);
    await this.navigateBy(() => save.click());
    await this.verify();
    const { notices, alerts } = await this.flash();
    if (!notices.includes(SAVED_NOTICE)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `保存の確認メッセージが表示されません${alerts.length ? `（${alerts.join(' ')}）` : ''}`));
    }
    if ((await this.memo()) !== normalize(memo)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, '保存後の受注備考欄が書いた内容と一致しません'));
    }
  }

  private async ensureBasicTab(): Promise<void> {
    const tab = await this.one(this.page.getByRole('tab', { name: '基本設定', exact: true }), '基本設定タブ');
    if ((await tab.getAttribute('aria-selected')) === 'true') return;
    await this.navigateBy(() => tab.click());
    await this.verify();
  }
}

function normalize(text: string): string {
  return text.replaceAll('\r\n', '\n');
}
