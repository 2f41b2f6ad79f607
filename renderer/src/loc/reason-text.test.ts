import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { reasonText } from './reason-text';

/** Kana: Chinese shares the ideographs, not these. */
const kana = /[\u3040-\u30ff]/;

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

describe('a reason kept as data', () => {
  it("is said in the viewer's language, with the cloud's completion status named in it", async () => {
    const reason = { key: 'completedByStaffWithNote', params: ['受付断念', 'お客様から取消の連絡'] };
    expect(reasonText(i18next.getFixedT('ja'), reason, 'x')).toBe('受付断念: お客様から取消の連絡');
    expect(reasonText(i18next.getFixedT('en'), reason, 'x')).toBe('Abandoned: お客様から取消の連絡');
    expect(reasonText(i18next.getFixedT('zh-TW'), { key: 'productNotFound', params: ['NOPE-404'] }, '商品コード NOPE-404 が商品マスタにありません')).toBe(
      '商品主檔中沒有商品代碼 NOPE-404',
    );
    expect(reasonText(i18next.getFixedT('zh-TW'), { key: 'loginRejected', params: [] }, 'x')).not.toMatch(kana);
    expect(reasonText(i18next.getFixedT('zh-TW'), reason, 'x')).not.toMatch(/受付断念/);
  });

  it('says a reason inside a reason in the same language', () => {
    const reason = { key: 'gaveUp', params: [3, { key: 'timeout', params: ['受注作成'] }] };
    expect(reasonText(i18next.getFixedT('en'), reason, 'x')).toBe('Tried 3 times without finishing: The cart admin did not answer in time (受注作成)');
  });

  it('falls back to its stored text without a name, or with one the catalogs do not know', () => {
    expect(reasonText(i18next.getFixedT('en'), null, '在庫切れのため')).toBe('在庫切れのため');
    expect(reasonText(i18next.getFixedT('en'), { key: 'notInAnyCatalog', params: [] }, '古い理由')).toBe('古い理由');
  });
});
