import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { robotResultMessage, robotResultText } from './robot-result';

/** Kana, and the ideographs Japanese writes that Chinese does not share here. */
const japanese = /[\u3040-\u30ff]|様|受注|稼働/;

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

const stored = (message: string, reason?: unknown) => JSON.stringify({ outcome: 'done', message, ...(reason === undefined ? {} : { reason }), reportedAt: '2026-11-23T10:00:00Z' });

/** What the cross-sell flow reports for an order made while the cart's name differed (flows/crosssell/flow.ts). */
const summary = {
  key: 'sentences',
  params: [
    { key: 'orderCreated', params: ['100245', '中村 葵'] },
    { key: 'subscriptionsStopped', params: [{ key: 'list', params: ['S-1', 'S-2'] }] },
    { key: 'notice', params: [{ key: 'customerNameDiffers', params: ['中村 葵', '佐藤 恵子'] }] },
  ],
};
const summaryText = '受注 100245 を作成しました（中村 葵 様）。稼働中だった定期 S-1、S-2 を停止しました。注意: カートの顧客名「中村 葵」が友だちの氏名「佐藤 恵子」と異なります（電話番号は一致しています）';

describe('robotResultMessage', () => {
  it("reads the message out of the cloud's robot result", () => {
    expect(robotResultMessage(stored('商品コード NOPE-404 がありません'))).toBe('商品コード NOPE-404 がありません');
  });

  it('is empty for a result without a message and shows plain text as it is', () => {
    expect(robotResultMessage(JSON.stringify({ outcome: 'done', message: null }))).toBe('');
    expect(robotResultMessage('完了')).toBe('完了');
    expect(robotResultMessage(null)).toBe('');
  });
});

describe("the robot's result in the viewer's language", () => {
  it('says the summary in Japanese exactly as the robot wrote it', () => {
    expect(robotResultText(i18next.getFixedT('ja'), stored(summaryText, summary))).toBe(summaryText);
  });

  it('says the summary, its list and its name warning in English and Chinese, with their own punctuation', () => {
    expect(robotResultText(i18next.getFixedT('en'), stored(summaryText, summary))).toBe(
      'Created order 100245 (for 中村 葵). Stopped the running subscriptions S-1, S-2. Note: The cart\'s customer name "中村 葵" differs from the friend\'s name "佐藤 恵子" (the phone numbers match)',
    );
    const zh = robotResultText(i18next.getFixedT('zh-TW'), stored(summaryText, summary));
    expect(zh).toBe('已建立訂單 100245（中村 葵）。已停止原本進行中的定期購 S-1、S-2。注意：購物車的顧客姓名「中村 葵」與好友的姓名「佐藤 恵子」不同（電話號碼一致）');
    expect(zh.replaceAll('中村 葵', '').replaceAll('佐藤 恵子', '')).not.toMatch(japanese);
  });

  it('says a missing phone as a word of the language inside the phone-mismatch reason', () => {
    const missing = { key: 'phoneMissing', params: [] };
    const reason = { key: 'customerPhoneMismatch', params: ['高橋 翔太', missing, '高橋 翔太', '070-9999-8888'] };
    const text = robotResultText(i18next.getFixedT('en'), stored('カートの顧客（高橋 翔太、電話番号 未登録）…', reason));
    expect(text).toContain('(高橋 翔太, phone not registered)');
    expect(text).not.toContain('未登録');
    expect(robotResultText(i18next.getFixedT('zh-TW'), stored('x', reason))).toContain('電話 未登錄');
    expect(robotResultText(i18next.getFixedT('ja'), stored('x', reason))).toContain('電話番号 未登録');
  });

  it('keeps the written text for results without data, or whose data the catalogs cannot say whole', () => {
    expect(robotResultText(i18next.getFixedT('en'), stored('受注 1 を作成しました'))).toBe('受注 1 を作成しました');
    const unknownPart = { key: 'sentences', params: [{ key: 'orderCreated', params: ['1', 'a'] }, { key: 'notInAnyCatalog', params: [] }] };
    expect(robotResultText(i18next.getFixedT('en'), stored('古い要約', unknownPart))).toBe('古い要約');
    expect(robotResultText(i18next.getFixedT('en'), '完了')).toBe('完了');
  });
});

describe("the robot's own reasons for handing a request over", () => {
  const reasons = [
    { key: 'repeatTapOpen', params: ['化粧水', 12] },
    { key: 'repeatTapDone', params: ['化粧水', 12, '2026/12/04 09:05'] },
    { key: 'cartLoginMissing', params: [] },
    { key: 'cartLoginNotSaved', params: ['ecforce-main'] },
    { key: 'crosssellConfigMissing', params: [] },
    { key: 'cartUnsupported', params: ['shopify'] },
    { key: 'noCartCustomer', params: [] },
    { key: 'memoFieldUnsupported', params: ['customer_memo'] },
    { key: 'lineTokenMissingForMessage', params: [] },
    { key: 'lineMessageRefused', params: ['HTTP 400: Invalid reply token'] },
  ];

  it('read in Japanese as the robot writes them', () => {
    const ja = i18next.getFixedT('ja');
    expect(robotResultText(ja, stored('x', reasons[1]))).toBe(
      '重複: 同じ会員の同じクロスセル「化粧水」（LOC 12）が 2026/12/04 09:05（日本時間）に完了したばかりです。この申請では注文していません。必要なら手動で対応してください',
    );
    expect(robotResultText(ja, stored('x', reasons[6]))).toBe('この友だちには ecforce の顧客が紐付いていません。カート顧客を紐付けてから手動で対応してください');
  });

  it('are said whole in English and Chinese', () => {
    for (const lng of ['en', 'zh-TW'] as const) {
      for (const reason of reasons) {
        const text = robotResultText(i18next.getFixedT(lng), stored('日本語のまま', reason));
        expect(text, `${lng} ${reason.key}`).not.toBe('日本語のまま');
        expect(text.replaceAll('化粧水', ''), `${lng} ${reason.key}`).not.toMatch(japanese);
      }
    }
  });
});
