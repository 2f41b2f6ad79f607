import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { insertTag } from '../../../test/fixtures/replica';
import { openDatabase, type Db } from '../db/open';
import { crosssellConfigInput, crosssellConfigInputFor, memoFieldLabels, memoFields } from './config-input';

const valid = {
  name: '化粧水クロスセル',
  cart: 'ecforce',
  cartLoginRef: 'ecforce-main',
  productName: '保湿化粧水 150mL',
  productCode: 'SKN-002',
  kind: 'single',
  memoWrites: [{ field: 'order_memo', text: 'LINE経由 {カート顧客名}' }],
  tagsAdd: [1],
  tagsRemove: [2],
  messageTemplate: '{カート顧客名}様、「{カート側商品名}」を承りました',
  stopRunningSubscriptions: true,
};

/** The first issue as "path: message", the way a form shows it beside the field. */
function firstIssue(input: unknown, schema: z.ZodType = crosssellConfigInput): string {
  const result = schema.safeParse(input);
  if (result.success) return 'ok';
  const issue = result.error.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('crosssellConfigInput', () => {
  it('accepts a complete config and fills the optional parts', () => {
    expect(firstIssue(valid)).toBe('ok');
    const minimal = crosssellConfigInput.parse({ name: ' A ', cart: 'ecforce', cartLoginRef: 'r', productName: 'P', productCode: 'C', kind: 'subscription' });
    expect(minimal).toEqual({
      name: 'A', cart: 'ecforce', cartLoginRef: 'r', productName: 'P', productCode: 'C', kind: 'subscription',
      memoWrites: [], tagsAdd: [], tagsRemove: [], messageTemplate: '', stopRunningSubscriptions: false, repeatWindowHours: null,
      completionStatus: 'クロスセル受付',
    });
    expect(crosssellConfigInput.parse({ ...valid, completionStatus: '対応完了' }).completionStatus).toBe('対応完了');
    expect(firstIssue({ ...valid, completionStatus: 'done' })).toBe(
      'completionStatus: ロボットが完了にするときの完了ステータスを選んでください（受付断念、対応不可、クロスセル受付、対応完了）',
    );
    expect(crosssellConfigInput.parse({ ...valid, repeatWindowHours: 48 }).repeatWindowHours).toBe(48);
    expect(crosssellConfigInput.parse({ ...valid, repeatWindowHours: 0 }).repeatWindowHours).toBe(0);
    expect(crosssellConfigInput.parse({ ...valid, repeatWindowHours: null }).repeatWindowHours).toBeNull();
  });

  it('exports the memo fields the robot can write', () => {
    expect(memoFields).toEqual(['order_memo', 'subscription_memo']);
    expect(memoFieldLabels.order_memo).toBe('受注備考欄');
    expect(memoFieldLabels.subscription_memo).toBe('定期受注備考欄');
  });

  it.each([
    ['name', { name: undefined }, 'name: クロスセル管理名を入力してください'],
    ['blank name', { name: '   ' }, 'name: クロスセル管理名を入力してください'],
    ['long name', { name: 'あ'.repeat(101) }, 'name: クロスセル管理名は 100 文字までです'],
    ['product name', { productName: '' }, 'productName: クロスセル商品名を入力してください（ecforce の商品マスタ名と完全一致）'],
    ['product code', { productCode: undefined }, 'productCode: クロスセル商品コードを入力してください（ecforce の商品コードと完全一致）'],
    ['kind', { kind: 'bundle' }, 'kind: 商品の種類を「単品」か「定期」から選んでください'],
    ['cart', { cart: 'shopify' }, 'cart: カートは ecforce を選んでください（ほかのカートにはまだ対応していません）'],
    ['memo field', { memoWrites: [{ field: '受注備考欄', text: 'x' }] }, 'memoWrites.0.field: 書き込み先を選んでください（受注備考欄、定期受注備考欄）'],
    ['empty memo', { memoWrites: [{ field: 'order_memo', text: ' ' }] }, 'memoWrites.0.text: メモの内容を入力してください'],
    ['long memo', { memoWrites: [{ field: 'order_memo', text: 'あ'.repeat(1001) }] }, 'memoWrites.0.text: メモの内容は 1,000 文字までです'],
    ['long message', { messageTemplate: 'あ'.repeat(5001) }, 'messageTemplate: 完了メッセージは LINE の数え方で 5,000 文字までです（いま 5,001 文字。絵文字などは 1 つで 2 文字と数えます）'],
    ['2,501 emoji', { messageTemplate: '😀'.repeat(2501) }, 'messageTemplate: 完了メッセージは LINE の数え方で 5,000 文字までです（いま 5,002 文字。絵文字などは 1 つで 2 文字と数えます）'],
    [
      'a message that the product name takes past 5,000',
      { messageTemplate: `${'あ'.repeat(4990)}{カート側商品名}` },
      'messageTemplate: 商品名を差し込んだ完了メッセージが LINE の上限 5,000 文字を超えます（5,001 文字。絵文字などは 1 つで 2 文字と数えます）',
    ],
    [
      'unknown placeholder in the message',
      { messageTemplate: '{カート顧客名}様 {申請ID} ｛カート側商品名｝' },
      'messageTemplate: 完了メッセージに使えない差し込み項目があります: {申請ID} ｛カート側商品名｝（使えるのは {カート顧客名} と {カート側商品名} です）',
    ],
    [
      'unknown placeholder in a memo',
      { memoWrites: [{ field: 'order_memo', text: '{顧客番号}' }] },
      'memoWrites.0.text: メモの内容に使えない差し込み項目があります: {顧客番号}（使えるのは {カート顧客名} と {カート側商品名} です）',
    ],
    ['no login', { cartLoginRef: undefined }, 'cartLogin: カートのログイン情報を選ぶか、新しく入力してください'],
    [
      'two logins',
      { cartLogin: { baseUrl: 'https://a.example.jp', email: 'a@a.jp', password: 'x' } },
      'cartLogin: カートのログイン情報は、登録済みのものか新しいもののどちらか一方にしてください',
    ],
    ['login e-mail', { cartLoginRef: undefined, cartLogin: { baseUrl: 'https://a.example.jp', email: 'a', password: 'x' } }, 'cartLogin.email: ログインのメールアドレスの形式が正しくありません'],
    ['missing password', { cartLoginRef: undefined, cartLogin: { baseUrl: 'https://a.example.jp', email: 'a@a.jp' } }, 'cartLogin.password: ログインのパスワードを入力してください'],
    ['login password', { cartLoginRef: undefined, cartLogin: { baseUrl: 'https://a.example.jp', email: 'a@a.jp', password: '' } }, 'cartLogin.password: ログインのパスワードを入力してください'],
    ['login URL', { cartLoginRef: undefined, cartLogin: { baseUrl: 'javascript:alert(1)', email: 'a@a.jp', password: 'x' } }, 'cartLogin.baseUrl: カート管理画面の URL を http(s):// から入力してください'],
    ['tag id', { tagsAdd: ['VIP'] }, 'tagsAdd.0: タグの指定が正しくありません'],
    ['repeat window', { repeatWindowHours: 721 }, 'repeatWindowHours: 重複タップとみなす期間は 0〜720 の整数（時間）で入力してください（空欄なら 24 時間）'],
    ['negative repeat window', { repeatWindowHours: -1 }, 'repeatWindowHours: 重複タップとみなす期間は 0〜720 の整数（時間）で入力してください（空欄なら 24 時間）'],
    ['repeat window in part hours', { repeatWindowHours: 1.5 }, 'repeatWindowHours: 重複タップとみなす期間は 0〜720 の整数（時間）で入力してください（空欄なら 24 時間）'],
    ['repeat window as text', { repeatWindowHours: '24' }, 'repeatWindowHours: 重複タップとみなす期間は 0〜720 の整数（時間）で入力してください（空欄なら 24 時間）'],
    ['tag on both sides', { tagsAdd: [1, 2], tagsRemove: [2] }, 'tagsRemove: 同じタグを追加と削除の両方には指定できません（タグ 2）'],
  ])('refuses a bad %s with a Japanese message on the field', (_what, patch, expected) => {
    expect(firstIssue({ ...valid, ...patch })).toBe(expected);
  });

  it('accepts a new login instead of a ref, and never echoes the password in an issue', () => {
    const withLogin = { ...valid, cartLoginRef: undefined, cartLogin: { baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.jp', password: 'hunter2' } };
    expect(firstIssue(withLogin)).toBe('ok');
    const broken = crosssellConfigInput.safeParse({ ...withLogin, name: '', cartLogin: { ...withLogin.cartLogin, email: 'hunter2' } });
    expect(JSON.stringify(broken.error?.issues)).not.toContain('hunter2');
  });
});

describe('crosssellConfigInputFor', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:', { quickCheck: false });
    insertTag(db, 1, 'クロスセル受付済');
    insertTag(db, 2, 'クロスセル案内済');
    const product = db.prepare(`INSERT INTO products (id, cart, code, name, kind, price, updated_at) VALUES (?, 'ecforce', ?, ?, ?, 3000, '2026-11-01T00:00:00.000Z')`);
    product.run(1, 'SKN-002', '保湿化粧水 150mL', 'single');
    product.run(2, 'SUB-HLT-001', '【定期】青汁 30包', 'subscription');
  });
  afterEach(() => db.close());

  it('refuses tags the replica does not have, naming them', () => {
    const schema = crosssellConfigInputFor(db);
    expect(firstIssue(valid, schema)).toBe('ok');
    expect(firstIssue({ ...valid, tagsAdd: [1, 7] }, schema)).toBe('tagsAdd.1: タグ 7 は存在しません（削除されたか、まだ同期されていません）');
    expect(firstIssue({ ...valid, tagsRemove: [9] }, schema)).toBe('tagsRemove.0: タグ 9 は存在しません（削除されたか、まだ同期されていません）');
  });

  it('refuses a product code the cart\'s product master does not have, and says which code', () => {
    const schema = crosssellConfigInputFor(db);
    const result = schema.safeParse({ ...valid, productCode: 'SKN-999' });
    expect(result.error?.issues).toEqual([
      expect.objectContaining({
        path: ['productCode'],
        message: '商品コード「SKN-999」は ecforce の商品マスタにありません（商品コードと完全一致で入力してください）',
        params: { code: 'unknownProductCode', productCode: 'SKN-999' },
      }),
    ]);
    // Exact match means exact: a lower-case code is a different code to the cart.
    expect(firstIssue({ ...valid, productCode: 'skn-002' }, schema)).toMatch(/^productCode: 商品コード「skn-002」は/);
  });

  it('refuses a product name that differs from the master, naming the master\'s', () => {
    const schema = crosssellConfigInputFor(db);
    expect(firstIssue({ ...valid, productName: '保湿化粧水150mL' }, schema)).toBe(
      'productName: 商品コード「SKN-002」の商品マスタ名は「保湿化粧水 150mL」です（完全一致で入力してください）',
    );
    expect(firstIssue({ ...valid, productCode: 'SUB-HLT-001', productName: '【定期】青汁 30包', kind: 'subscription' }, schema)).toBe('ok');
  });

  it('takes the code as typed while the replica has no product of that cart to check against', () => {
    db.exec('DELETE FROM products');
    expect(firstIssue({ ...valid, productCode: 'NEW-001', productName: '新商品' }, crosssellConfigInputFor(db))).toBe('ok');
  });
});
