import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { badgeText, emptyListReason } from './sync-health';

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

const never = { health: 'never_synced' as const, failure: null, lag: 0 };

describe('the sync state in staff words', () => {
  it('says a workstation with no cloud yet is not set up, and where to set it, rather than never synced', () => {
    for (const [lng, badge, settings] of [
      ['ja', '未設定', '設定'],
      ['en', 'Not set up', 'Settings'],
      ['zh-TW', '尚未設定', '設定'],
    ] as const) {
      const t = i18next.getFixedT(lng);
      expect(badgeText(t, { ...never, notSetUp: true }, lng)).toContain(badge);
      expect(emptyListReason(t, { ...never, notSetUp: true }, lng)).toContain(settings);
      expect(badgeText(t, never, lng)).not.toContain(badge);
    }
  });
});
