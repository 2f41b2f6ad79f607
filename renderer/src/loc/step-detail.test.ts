import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { stepDetailText } from './step-detail';

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

const say = (lng: string, step: string, state: string, detail: unknown) =>
  stepDetailText(i18next.getFixedT(lng), { step, state, detail: detail === undefined ? null : JSON.stringify(detail) });

describe("a run step's detail", () => {
  it('says what each cross-sell step did as a sentence, not its JSON', () => {
    expect(say('ja', 'prepare', 'done', { customerNumber: '10000008', customerName: '中村 葵' })).toBe('顧客番号 10000008（中村 葵 様）をカートで確かめました');
    expect(say('en', 'create_order', 'done', { orderNumber: '2026120400', subscriptionNumber: 'S-1' })).toBe('Created order 2026120400. Subscription S-1 started');
    expect(say('zh-TW', 'create_order', 'done', { orderNumber: '7', adopted: true })).toBe('已沿用前次嘗試建立的訂單 7');
    expect(say('ja', 'stop_subscriptions', 'done', { stopped: ['S-1', 'S-2'] })).toBe('定期 S-1、S-2 を停止しました');
    expect(say('en', 'write_memo', 'done', { written: ['order_memo', 'subscription_memo'] })).toBe('Wrote to the order memo, subscription memo');
    expect(say('ja', 'send_message', 'done', { sent: false, why: 'sent_in_earlier_attempt' })).toBe('前回の試行で送信済みのため、送っていません');
    expect(say('en', 'finish', 'done', { summary: '受注 1 を作成しました' })).toBe('Prepared the tags, usage and result for the cloud');
  });

  it("says a failure by its name in the viewer's language, or its text when it has none", () => {
    expect(say('en', 'create_order', 'failed', { error: '商品コード X が商品マスタにありません', reason: { key: 'productNotFound', params: ['X'] } })).toBe(
      'Product code X is not in the product master',
    );
    expect(say('en', 'prepare', 'failed', { error: 'この友だちには ecforce の顧客が紐付いていません' })).toBe('この友だちには ecforce の顧客が紐付いていません');
  });

  it('never shows a result it does not know as JSON', () => {
    const shown = say('en', 'some_future_step', 'done', { a: 1, b: [2] });
    expect(shown).toBe('Finished');
    expect(stepDetailText(i18next.getFixedT('ja'), { step: 'prepare', state: 'failed', detail: '"interrupted"' })).toBe('処理中にロボットが止まりました');
  });
});
