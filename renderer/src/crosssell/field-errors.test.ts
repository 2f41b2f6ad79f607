import { readdirSync, readFileSync } from 'node:fs';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/client';
import { catalogs, languages } from '../i18n/catalogs';
import { issueText } from '../components/field-issue';
import { fieldIssuesOf, issue } from './field-errors';

const refusal = (details: unknown) => new ApiCallError('invalid_argument', 'クロスセル設定を保存できません', details);

describe("the core's validation details on the form's fields", () => {
  const t = i18next.createInstance();
  beforeAll(async () => {
    await t.init({ lng: 'ja', resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } }, interpolation: { escapeValue: false } });
  });

  it("words the replica's rules from the catalog, with the values they name", () => {
    const found = fieldIssuesOf(
      refusal([
        { path: 'productCode', message: '商品コード「X-1」は…', params: { code: 'unknownProductCode', productCode: 'X-1' } },
        { path: 'productName', message: '…', params: { code: 'productNameMismatch', productCode: 'SKN-002', masterName: '保湿化粧水 150mL' } },
        { path: 'tagsAdd.1', message: 'タグ 9 は存在しません', params: { code: 'unknownTag', tagId: 9 } },
      ]),
    );
    expect(found.map((f) => [f.field, issueText(t.t, f.message)])).toEqual([
      ['productCode', '商品コード「X-1」は ecforce の商品マスタにありません。商品コードと完全一致で入力してください'],
      ['productName', '商品コード「SKN-002」の商品マスタ名は「保湿化粧水 150mL」です。完全一致で入力してください'],
      ['tagsAdd', 'タグ 9 は存在しません（削除されたか、まだ同期されていません）'],
    ]);
  });

  it('follows the language the screen is in', async () => {
    const [found] = fieldIssuesOf(refusal([{ path: 'productCode', message: '…', params: { code: 'unknownProductCode', productCode: 'X-1' } }]));
    await t.changeLanguage('en');
    expect(issueText(t.t, found!.message)).toBe('Product code “X-1” is not in the ecforce product master. Enter it exactly as the product code');
    await t.changeLanguage('ja');
  });

  it("puts a login issue on the login field and keeps the core's words for a rule the screen does not know", () => {
    const found = fieldIssuesOf(
      refusal([
        { path: 'cartLoginRef', message: 'カートのログイン情報「x」が見つかりません' },
        { path: 'cartLogin', message: 'どちらか一方にしてください' },
        { path: 'memoWrites.0.text', message: 'メモの内容に使えない差し込み項目があります: {顧客番号}' },
      ]),
    );
    expect(found.map((f) => [f.field, issueText(t.t, f.message)])).toEqual([
      ['cartLoginRef', 'このログイン情報は保管庫に見つかりません。選び直すか、新しく入力してください'],
      ['cartLoginRef', 'どちらか一方にしてください'],
      ['memoWrites.0.text', 'メモの内容に使えない差し込み項目があります: {顧客番号}'],
    ]);
  });

  it('finds nothing in errors that are not validation refusals', () => {
    expect(fieldIssuesOf(new ApiCallError('unavailable', 'クラウドに接続できない'))).toEqual([]);
    expect(fieldIssuesOf(new Error('x'))).toEqual([]);
    expect(fieldIssuesOf(refusal(undefined))).toEqual([]);
  });

  it('keeps placeholders in a message literal, braces and all', () => {
    expect(issueText(t.t, issue('unknownPlaceholders', { placeholders: '{顧客名} ｛申請ID｝' }))).toBe(
      '使えない差し込み項目があります: {顧客名} ｛申請ID｝（使えるのは {カート顧客名} と {カート側商品名} です）',
    );
    expect(issueText(t.t, undefined)).toBeUndefined();
  });
});

describe('field messages in the catalogs', () => {
  // The catalog check of the renderer reads t('…') calls; these keys are built by issue('…').
  it('every issue named in the screen exists in every language', () => {
    const names = readdirSync(import.meta.dirname)
      .filter((file) => /\.tsx?$/.test(file) && !file.includes('.test.'))
      .flatMap((file) => [...readFileSync(`${import.meta.dirname}/${file}`, 'utf8').matchAll(/\bissue\('(\w+)'/g)].map((m) => m[1]!));
    expect(names.length).toBeGreaterThan(15);
    for (const lng of languages) {
      const errors = (catalogs[lng] as unknown as { crosssell: { errors: Record<string, unknown> } }).crosssell.errors;
      expect(names.filter((name) => typeof errors[name] !== 'string'), lng).toEqual([]);
    }
  });
});
