import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { BrowserNotFoundError, BROWSER_NOT_FOUND_REASON } from '../../automation/browser';
import { messages } from '../../automation/ecforce/errors';
import { coreReasons } from '../../electron/core/loc/reasons';
import { subscriptionStatuses } from '../../electron/core/sync/change-schemas';
import { catalogs, languages } from '../../renderer/src/i18n/catalogs';
import { reasonText } from '../../renderer/src/loc/reason-text';
import { orderStatuses } from '../../sandbox/cloud/vocabulary';

type Tree = Record<string, unknown>;

/** Every name a reason can be stored under, as the driver and the core write them. */
function reasonKeys(): string[] {
  const core = [
    coreReasons.completedByStaff('対応完了', null),
    coreReasons.completedByStaff('対応完了', 'メモ'),
    // Every other reason the core gives, made with placeholder parameters.
    ...Object.values(coreReasons).map((make) => (make as (...a: unknown[]) => { key: string })('x', 'y', 'z')),
  ]
    .map((r) => r.key)
    // Joined parts are said with each language's punctuation (reasons.join), not a sentence of their own.
    .filter((key) => key !== 'sentences' && key !== 'list');
  return [...Object.keys(messages), ...core, BROWSER_NOT_FOUND_REASON];
}

describe('reasons and statuses in every catalog', () => {
  for (const lng of languages) {
    it(lng, () => {
      const catalog = catalogs[lng] as unknown as Tree;
      const reasons = catalog.reasons as Record<string, string>;
      for (const key of reasonKeys()) expect(typeof reasons[key], `reasons.${key}`).toBe('string');
      const orders = catalog.orderStatus as Record<string, string>;
      for (const status of orderStatuses) expect(orders[status], status).not.toBe(status);
      const subscriptions = (catalog.memberPage as Tree).subscriptionStatus as Record<string, string>;
      for (const status of subscriptionStatuses) expect(subscriptions[status], status).not.toBe(status);
    });
  }

  it("keeps each driver message's parameters in its catalog sentences", () => {
    const args = ['ARG0', 'ARG1', 'ARG2'];
    for (const [key, message] of Object.entries(messages)) {
      // The parameters the Japanese text uses are the ones each catalog's sentence must say too.
      const text = typeof message === 'function' ? String((message as (...a: string[]) => unknown)(...args)) : String(message);
      const used = args.flatMap((arg, i) => (text.includes(arg) ? [i] : []));
      for (const lng of languages) {
        const sentence = ((catalogs[lng] as unknown as Tree).reasons as Record<string, string>)[key] ?? '';
        for (const i of used) expect(sentence, `${lng} reasons.${key}`).toContain(`{{${i}}}`);
      }
    }
  });

  it('says where the robot looked for a browser and what to do, in each language', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
      lng: 'ja',
      fallbackLng: 'ja',
      interpolation: { escapeValue: false },
    });
    const { reason, message } = new BrowserNotFoundError(['/usr/bin/google-chrome', '/opt/microsoft/msedge/msedge']);
    const said = (lng: string) => reasonText(i18n.getFixedT(lng), reason, message);
    expect(said('ja')).toBe(message);
    expect(said('en')).toBe(
      "The robot cannot find a browser to use. Install Microsoft Edge or Google Chrome, or set the browser's path in the settings (looked in: /usr/bin/google-chrome, /opt/microsoft/msedge/msedge)",
    );
    expect(said('zh-TW')).toContain('/usr/bin/google-chrome, /opt/microsoft/msedge/msedge');
    expect(said('zh-TW')).toContain('Microsoft Edge 或 Google Chrome');
  });
});
