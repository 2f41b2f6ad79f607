import type { Dialog } from 'playwright-core';
import { applicationError, messages } from '../errors';
import { AdminScreen } from './admin-screen';

export interface SubscriptionFacts {
  id: string;
  number: string;
  status: string;
  productCode: string;
}

const STOPPED_NOTICE = '定期受注を停止しました。';
/** The confirmation the site asks before stopping; any other dialog is refused. */
const STOP_CONFIRMATION = /定期受注を停止します/;

/** 定期受注詳細 (詳細/編集) → 基本設定: the facts and the 停止する action. */
export class SubscriptionDetailPage extends AdminScreen {
  protected readonly screen = '定期受注詳細';
  protected readonly heading = '定期受注詳細';
  protected readonly path = /^\/admin\/subs_orders\/\d+\/edit$/;
  protected readonly right = '定期受注管理' as const;

  async open(id: string): Promise<void> {
    await this.goto(`/admin/subs_orders/${encodeURIComponent(id)}/edit`);
  }

  async subscriptionFacts(): Promise<SubscriptionFacts> {
    const facts = await this.facts('定期受注番号');
    const status = facts['ステータス'];
    if (status === undefined || facts['定期受注番号'] === undefined) {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, '定期受注番号・ステータスが読み取れません'));
    }
    return { id: facts['ID'] ?? '', number: facts['定期受注番号'], status, productCode: facts['商品コード'] ?? '' };
  }

  /** Presses 停止する in ステータス操作, accepts the site's confirmation, and checks the result. */
  async stop(): Promise<void> {
    const actions = await this.one(this.page.getByRole('region', { name: 'ステータス操作', exact: true }), 'ステータス操作');
    const button = await this.one(this.button('停止する', actions), '停止するボタン');
    let unexpectedDialog: string | null = null;
    const onDialog = (dialog: Dialog) => {
      if (dialog.type() === 'confirm' && STOP_CONFIRMATION.test(dialog.message())) {
        void dialog.accept();
      } else {
        unexpectedDialog = dialog.message();
        void dialog.dismiss();
      }
    };
    this.page.on('dialog', onDialog);
    try {
      await this.navigateBy(() => button.click());
    } catch (error) {
      if (unexpectedDialog !== null) {
        throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `想定外の確認ダイアログ（${unexpectedDialog}）`), error);
      }
      throw error;
    } finally {
      this.page.off('dialog', onDialog);
    }
    await this.verify();
    const { notices, alerts } = await this.flash();
    const { status } = await this.subscriptionFacts();
    if (!notices.includes(STOPPED_NOTICE) || status !== '停止') {
      throw applicationError('unexpected_page', messages.unexpectedPage(this.screen, `停止を確認できません（ステータス: ${status}${alerts.length ? `、${alerts.join(' ')}` : ''}）`));
    }
  }
}
