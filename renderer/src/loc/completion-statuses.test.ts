import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { catalogs, languages } from '../i18n/catalogs';
import { completionLabelKey, completionStatuses, completionStatusKey } from './completion-statuses';

describe('completion statuses', () => {
  it("offers the cloud's four, the usual outcome first", () => {
    expect(completionStatuses.map((s) => s.value)).toEqual(['対応完了', 'クロスセル受付', '受付断念', '対応不可']);
  });

  it('has a message for each in every language, and leaves unknown values alone', async () => {
    const t = i18next.createInstance();
    await t.init({ resources: Object.fromEntries(languages.map((l) => [l, { translation: catalogs[l] }])), lng: 'en', initAsync: false });
    for (const lng of languages) {
      const labels = completionStatuses.map((s) => t.getFixedT(lng)(completionLabelKey(s.value)));
      expect(labels.every((label) => label && !label.startsWith('completed.')), lng).toBe(true);
      expect(new Set(labels).size, lng).toBe(4);
    }
    expect(completionStatusKey('返品受付')).toBeUndefined();
  });
});
