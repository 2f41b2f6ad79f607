import { applicationError, messages, pageDetails, screenOf } from '../errors';
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
  protected readonly screen = 'orderDetail';
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
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.orderNumberUnreadable));
    }
    // '-' means no subscription; anything else unreadable must not pass for "none".
    const subscriptionNumber = facts['定期受注番号'];
    if (subscriptionNumber === undefined || (subscriptionNumber !== '-' && !/^\d{10}$/.test(subscriptionNumber))) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.subscriptionNumberUnreadable));
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
    return normalize(await this.valueOf('受注備考欄'));
  }

  /** Saves the whole memo and checks the site says so and shows it back unchanged. */
  async saveMemo(memo: string): Promise<void> {
    await this.ensureBasicTab();
    await this.strictly(this.labelled('受注備考欄'), '受注備考欄', (field) => field.fill(memo));
    const save = await this.one(this.button('更新する'), '更新するボタン');
    await this.navigateBy(() => save.click());
    await this.verify();
    const { notices, alerts } = await this.flash();
    if (!notices.includes(SAVED_NOTICE)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), alerts.length ? pageDetails.saveNotConfirmedSaying(alerts.join(' ')) : pageDetails.saveNotConfirmed));
    }
    if ((await this.memo()) !== normalize(memo)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.orderMemoNotSaved));
    }
  }

  /** The document last seen on 基本設定: the tab is checked once per document, not per read. */
  private basicTabAt = -1;

  private async ensureBasicTab(): Promise<void> {
    if (this.basicTabAt === this.loads) return;
    const tab = this.page.getByRole('tab', { name: '基本設定', exact: true });
    if ((await this.strictly(tab, '基本設定タブ', (t) => t.getAttribute('aria-selected'))) !== 'true') {
      await this.navigateBy(() => tab.click());
      await this.verify();
    }
    this.basicTabAt = this.loads;
  }
}

function normalize(text: string): string {
  return text.replaceAll('\r\n', '\n');
}
