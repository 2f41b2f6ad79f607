import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldOf, inputDetails, listOf, messages, pageDetails, rightOf, screenCodes, screenOf, Said } from '../../automation/ecforce/errors';
import { catalogs, languages } from '../../renderer/src/i18n/catalogs';
import { reasonText } from '../../renderer/src/loc/reason-text';

/**
 * The ecforce driver's words inside its messages: the screen it was on, the right a login lacks,
 * what it found wrong on a screen and why it would not try. Each is stored by name, so English
 * and Chinese screens say all of it in their language and only the site's own quoted words stay
 * as the site wrote them.
 */
const kana = /[\u3040-\u30ff]/;
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;
const args = ['ARG0', 'ARG1'];

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

type Collection = Record<string, Said | ((...a: never[]) => Said)>;

/** Every named message of a collection, made with placeholder parameters. */
function made(collection: Collection): Said[] {
  return Object.values(collection).map((m) => (typeof m === 'function' ? (m as (...a: string[]) => Said)(...args) : m));
}

const said = (lng: string, reason: Said | { key: string; params: unknown[] }, text = '') => reasonText(i18next.getFixedT(lng), reason as never, text);

describe('screens, rights, fields and details by name', () => {
  const all = [
    ...screenCodes.map(screenOf),
    ...(['受注管理', '受注作成', '定期受注管理', '管理画面の利用'] as const).map(rightOf),
    ...(['customerNumber', 'productCode', 'productName', 'quantity', 'orderNumber', 'subscriptionNumber', 'memoText'] as const).map(fieldOf),
    ...made(pageDetails as unknown as Collection),
    ...made(inputDetails as unknown as Collection),
  ];

  it('are in every catalog, with every parameter the Japanese text uses', () => {
    for (const message of all) {
      const used = args.flatMap((arg, i) => (message.text.includes(arg) ? [i] : []));
      for (const lng of languages) {
        const sentence = i18next.getFixedT(lng)(`reasons.${message.key}`, { defaultValue: '' });
        expect(sentence, `${lng} reasons.${message.key}`).not.toBe('');
        for (const i of used) expect(sentence, `${lng} reasons.${message.key}`).toContain(`{{${i}}}`);
      }
    }
  });

  it('say in Japanese exactly what the driver wrote', () => {
    for (const message of all) expect(said('ja', message), message.key).toBe(message.text);
  });

  it('leave no Japanese in English and no kana in Chinese', () => {
    for (const message of all) {
      expect(said('en', message), message.key).not.toMatch(cjk);
      expect(said('zh-TW', message), message.key).not.toMatch(kana);
    }
  });
});

describe('an unexpected page, as staff read it', () => {
  const reason = messages.unexpectedPage(screenOf('subscriptionList'), pageDetails.unknownStatus('休止中'));

  it('keeps the Japanese text the driver has always written', () => {
    expect(String(reason)).toBe('カートの管理画面の構成が想定と異なります（定期受注管理（定期受注一覧）: 知らないステータス「休止中」）');
    expect(said('ja', reason)).toBe(String(reason));
  });

  it("names the screen and what was wrong in the viewer's language, the site's own status as it wrote it", () => {
    expect(said('en', reason)).toBe('The cart admin page is not laid out as expected (Subscriptions (subscription list): unknown status "休止中")');
    expect(said('zh-TW', reason)).toBe('購物車管理畫面的結構與預期不同（定期購管理（定期購列表）: 未知的狀態「休止中」）');
  });

  it('says a list of fields with each language’s comma', () => {
    const differs = messages.unexpectedPage(screenOf('orderConfirm'), pageDetails.confirmationDiffers(listOf([fieldOf('productCode'), fieldOf('quantity')])));
    expect(said('ja', differs)).toBe('カートの管理画面の構成が想定と異なります（受注作成（確認画面）: 確認画面の内容が入力と異なります（商品コード、数量））');
    expect(said('en', differs)).toContain('(product code, quantity)');
  });

  it('says a timeout and a missing right on the screens of each language', () => {
    expect(said('en', messages.timeout(screenOf('orderForm')))).toBe('The cart admin did not answer in time (New order (order form))');
    expect(said('en', messages.permissionDenied(rightOf('定期受注管理')))).toBe('The cart login lacks the Subscriptions permission');
    expect(said('en', messages.invalidInput(inputDetails.empty(fieldOf('orderNumber'))))).toMatch(/\(the order number is empty\)$/);
  });

  it('still reads a row stored before screens had codes: the screen translated, the old detail as it was written', () => {
    const old = { key: 'unexpectedPage', params: ['受注管理（受注一覧）', '知らないステータス「休止中」'] };
    expect(said('ja', old, 'x')).toBe('カートの管理画面の構成が想定と異なります（受注管理（受注一覧）: 知らないステータス「休止中」）');
    expect(said('en', old, 'x')).toBe('The cart admin page is not laid out as expected (Orders (order list): 知らないステータス「休止中」)');
    expect(said('en', { key: 'unexpectedPage', params: ['定期受注管理', 'x'] }, 'x')).toContain('(Subscriptions (subscription list): x)');
    expect(said('en', { key: 'permissionDenied', params: ['受注作成'] }, 'x')).toBe('The cart login lacks the New order permission');
  });

  it('says a nested message the catalogs do not know by the Japanese it was stored with', () => {
    const stored = JSON.parse(JSON.stringify(messages.unexpectedPage(screenOf('orderList'), new Said('pageDetail.fromANewerVersion', [], '新しい版の説明')))) as { key: string; params: unknown[] };
    expect(said('en', stored)).toBe('The cart admin page is not laid out as expected (Orders (order list): 新しい版の説明)');
  });
});
