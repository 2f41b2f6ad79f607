import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../../../renderer/src/i18n/catalogs';
import { reasonText } from '../../../renderer/src/loc/reason-text';
import { robotUnavailableReasons } from './unavailable';
import { GENERATE_KEY_COMMAND, VAULT_KEY_ENV, VAULT_KEY_FILE_ENV } from '../secrets/vault-key';

const kana = /[\u3040-\u30ff]/;

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

/** Every reason a shell gives for running no robot (electron/core/robot/unavailable.ts). */
const given = {
  notConfigured: robotUnavailableReasons.notConfigured(),
  desktopLineTokenMissing: robotUnavailableReasons.desktopLineTokenMissing(),
  lineTokenMissing: robotUnavailableReasons.lineTokenMissing('TANTO_LINE_TOKEN'),
  vaultKeyMissing: robotUnavailableReasons.vaultKeyMissing(VAULT_KEY_ENV, VAULT_KEY_FILE_ENV, GENERATE_KEY_COMMAND),
  vaultUnusable: robotUnavailableReasons.vaultUnusable('秘密情報の保管ファイル /x を読めません (EACCES)'),
};

/** The robot screen says these with reasonText (renderer/src/robot/RobotConsole.tsx). */
describe('why the robot is unavailable', () => {
  it('is one catalog sentence in Japanese, the same the shell writes to its log', () => {
    const ja = i18next.getFixedT('ja');
    for (const [name, said] of Object.entries(given)) {
      if (name !== 'vaultUnusable') expect(reasonText(ja, said.reason, 'x'), name).toBe(said.text);
      expect(reasonText(ja, said.reason, 'x'), name).not.toMatch(/\b(the|is|not|configured)\b/);
    }
  });

  it('is said whole in English and Chinese, naming the settings to make', () => {
    for (const lng of ['en', 'zh-TW'] as const) {
      const t = i18next.getFixedT(lng);
      for (const [name, said] of Object.entries(given)) {
        const text = reasonText(t, said.reason, said.text);
        expect(text, `${lng} ${name}`).not.toBe(said.text);
        expect(text, `${lng} ${name}`).not.toMatch(kana);
      }
      expect(reasonText(t, given.lineTokenMissing.reason, '')).toContain('TANTO_LINE_TOKEN');
      expect(reasonText(t, given.vaultKeyMissing.reason, '')).toContain('npm run secrets -- generate-key');
    }
    expect(reasonText(i18next.getFixedT('en'), given.desktopLineTokenMissing.reason, '')).toContain('Please enter your connection details');
    expect(reasonText(i18next.getFixedT('ja'), given.desktopLineTokenMissing.reason, '')).toContain('接続情報を入力してください');
  });
});
