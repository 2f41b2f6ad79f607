import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { describeSourceDetail } from './source-detail';

beforeAll(async () => {
  await i18next.init({ lng: 'ja', resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } }, interpolation: { escapeValue: false } });
});

describe('the source detail of a tag change', () => {
  it("names the rule that set a tag, in the staff's language", async () => {
    expect(describeSourceDetail('rule:12 定期3回目以上', i18next.t)).toBe('ルール「定期3回目以上」(#12)');
    await i18next.changeLanguage('en');
    expect(describeSourceDetail('rule:12 定期3回目以上', i18next.t)).toBe('Rule "定期3回目以上" (#12)');
    await i18next.changeLanguage('ja');
  });

  it("names the cross-sell and request that set a tag, in the staff's language, also as older replicas wrote it", async () => {
    expect(describeSourceDetail('crosssell:204 美容液トライアル', i18next.t)).toBe('クロスセル「美容液トライアル」(LOC 204)');
    await i18next.changeLanguage('en');
    expect(describeSourceDetail('crosssell:204 美容液トライアル', i18next.t)).toBe('Cross-sell "美容液トライアル" (LOC 204)');
    expect(describeSourceDetail('クロスセル「美容液トライアル」 LOC 17', i18next.t)).toBe('Cross-sell "美容液トライアル" (LOC 17)');
    await i18next.changeLanguage('ja');
  });

  it('shows any other detail as it is', () => {
    expect(describeSourceDetail('UIテスト担当', i18next.t)).toBe('UIテスト担当');
    expect(describeSourceDetail('rule:x', i18next.t)).toBe('rule:x');
    expect(describeSourceDetail(null, i18next.t)).toBe('');
  });
});
