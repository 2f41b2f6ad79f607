import type { Dialog } from 'playwright-core';
import { applicationError, messages, pageDetails, screenOf } from '../errors';
import { AdminScreen } from './admin-screen';

export interface SubscriptionFacts {
  id: string;
  number: string;
  status: string;
  productCode: string;
}

const STOPPED_NOTICE = '定期受注を停止しました。';
const SAVED_NOTICE = '定期受注を更新しました。';
const MEMO_LABEL = '定期受注備考欄';
/** The confirmation the site asks before stopping; any other dialog is refused. */
const STOP_CONFIRMATION = /定期受注を停止します/;

/** 定期受注詳細 (詳細/編集) → 基本設定: the facts, the 停止する action and the 定期受注備考欄. */
export class SubscriptionDetailPage extends AdminScreen {
  protected readonly screen = 'subscriptionDetail';
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
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.subscriptionFactsUnreadable));
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
        throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.unexpectedDialog(unexpectedDialog)), error);
      }
      throw error;
    } finally {
      this.page.off('dialog', onDialog);
    }
    await this.verify();
    const { notices, alerts } = await this.flash();
    const { status } = await this.subscriptionFacts();
    if (!notices.includes(STOPPED_NOTICE) || status !== '停止') {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), alerts.length ? pageDetails.stopNotConfirmedSaying(status, alerts.join(' ')) : pageDetails.stopNotConfirmed(status)));
    }
  }

  async memo(): Promise<string> {
    return normalize(await this.valueOf(MEMO_LABEL));
  }

  /**
   * Saves the whole memo with the 更新する of the memo's own form (the status actions are
   * forms too) and checks the site says so and shows it back unchanged.
   */
  async saveMemo(memo: string): Promise<void> {
    const field = this.labelled(MEMO_LABEL);
    const form = await this.one(this.page.locator('form').filter({ has: field }), `${MEMO_LABEL}のフォーム`);
    const save = await this.one(this.button('更新する', form), '更新するボタン');
    await this.strictly(field, MEMO_LABEL, (f) => f.fill(memo));
    await this.navigateBy(() => save.click());
    await this.verify();
    const { notices, alerts } = await this.flash();
    if (!notices.includes(SAVED_NOTICE)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), alerts.length ? pageDetails.saveNotConfirmedSaying(alerts.join(' ')) : pageDetails.saveNotConfirmed));
    }
    if ((await this.memo()) !== normalize(memo)) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf(this.screen), pageDetails.subscriptionMemoNotSaved));
    }
  }
}

function normalize(text: string): string {
  return text.replaceAll('\r\n', '\n');
}
