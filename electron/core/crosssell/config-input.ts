import { z } from 'zod';
import type { Db } from '../db/open';
import { cartLoginFields, cartLoginRef } from '../secrets/cart-logins';
import { completionStatuses, productKinds } from '../sync/change-schemas';
import { DEFAULT_COMPLETION_STATUS } from './completion-status';
import { configNamedLike, nameTakenIssue } from './config-name';
import { LINE_TEXT_MAX_UNITS, messageLength, unitsOf } from './message-length';
import { templatePlaceholders, unknownPlaceholders } from './template';

/**
 * What the cross-sell settings screen may save (seed 000 ⑤–⑮), with the messages staff see.
 * The cloud checks only the shape; these are the rules of the screen.
 */

/**
 * Where the robot can write after a cross-sell (⑩): the new order's memo, or the memo of the
 * subscription the order started. The label is what the ecforce admin calls it.
 */
export const memoFields = ['order_memo', 'subscription_memo'] as const;
export type MemoField = (typeof memoFields)[number];
export const memoFieldLabels: Record<MemoField, string> = { order_memo: '受注備考欄', subscription_memo: '定期受注備考欄' };

export const MESSAGE_MAX_CHARS = LINE_TEXT_MAX_UNITS;
export const MEMO_TEXT_MAX_CHARS = 1000;
const NAME_MAX_CHARS = 100;
/** A repeat tap is looked for at most a month back. */
export const MAX_REPEAT_WINDOW_HOURS = 720;
const repeatWindowMessage = `重複タップとみなす期間は 0〜${MAX_REPEAT_WINDOW_HOURS} の整数（時間）で入力してください（空欄なら 24 時間）`;

const id = z.number({ error: 'タグの指定が正しくありません' }).int().positive();
const placeholderList = templatePlaceholders.join(' と ');

/** A missing value and a blank one get the same message: both mean the field was left empty. */
function requiredText(missing: string, max: number, what: string) {
  return z.string({ error: missing }).trim().min(1, missing).max(max, `${what}は ${max} 文字までです`);
}

function templateText(what: string, max?: number) {
  const text = z.string({ error: `${what}は文字で入力してください` });
  return (max === undefined ? text : text.max(max, `${what}は ${max.toLocaleString('ja-JP')} 文字までです`))
    .superRefine((text, ctx) => {
      const unknown = unknownPlaceholders(text);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `${what}に使えない差し込み項目があります: ${unknown.join(' ')}（使えるのは ${placeholderList} です）`,
        });
      }
    });
}

const uniqueIds = z
  .array(id)
  .max(100, 'タグは 100 個までです')
  .transform((ids) => [...new Set(ids)]);

export const crosssellConfigInput = z
  .object({
    /** Absent for a new config; the cloud assigns the id. */
    id: z.number().int().positive().optional(),
    name: requiredText('クロスセル管理名を入力してください', NAME_MAX_CHARS, 'クロスセル管理名'),
    cart: z.literal('ecforce', { error: 'カートは ecforce を選んでください（ほかのカートにはまだ対応していません）' }),
    /** A login already in the SecretStore … */
    cartLoginRef: cartLoginRef.optional(),
    /** … or a new one, saved into the SecretStore; only its ref goes into the config. */
    cartLogin: z.object(cartLoginFields).optional(),
    productName: requiredText('クロスセル商品名を入力してください（ecforce の商品マスタ名と完全一致）', 255, 'クロスセル商品名'),
    productCode: requiredText('クロスセル商品コードを入力してください（ecforce の商品コードと完全一致）', 100, 'クロスセル商品コード'),
    kind: z.enum(productKinds, { error: '商品の種類を「単品」か「定期」から選んでください' }),
    memoWrites: z
      .array(
        z.object({
          field: z.enum(memoFields, { error: `書き込み先を選んでください（${Object.values(memoFieldLabels).join('、')}）` }),
          text: templateText('メモの内容', MEMO_TEXT_MAX_CHARS).refine((text) => text.trim() !== '', 'メモの内容を入力してください'),
        }),
      )
      .max(20, 'メモの書き込みは 20 件までです')
      .default([]),
    tagsAdd: uniqueIds.default([]),
    tagsRemove: uniqueIds.default([]),
    /** Its length is checked below, as LINE counts it, once the product name is filled in. */
    messageTemplate: templateText('完了メッセージ').default(''),
    stopRunningSubscriptions: z.boolean({ error: '稼働中の定期を停止するかどうかを選んでください' }).default(false),
    /**
     * A second tap of this config by the same member while the first is open, or within this many
     * hours after it was done, is not ordered again; null means the default (24 hours).
     */
    repeatWindowHours: z
      .number({ error: repeatWindowMessage })
      .int(repeatWindowMessage)
      .min(0, repeatWindowMessage)
      .max(MAX_REPEAT_WINDOW_HOURS, repeatWindowMessage)
      .nullable()
      .default(null),
    completionStatus: z
      .enum(completionStatuses, { error: `ロボットが完了にするときの完了ステータスを選んでください（${completionStatuses.join('、')}）` })
      .default(DEFAULT_COMPLETION_STATUS),
  })
  .superRefine((input, ctx) => {
    if (!input.cartLoginRef && !input.cartLogin) {
      ctx.addIssue({ code: 'custom', path: ['cartLogin'], message: 'カートのログイン情報を選ぶか、新しく入力してください' });
    }
    if (input.cartLoginRef && input.cartLogin) {
      ctx.addIssue({ code: 'custom', path: ['cartLogin'], message: 'カートのログイン情報は、登録済みのものか新しいもののどちらか一方にしてください' });
    }
    const both = input.tagsAdd.filter((tagId) => input.tagsRemove.includes(tagId));
    if (both.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['tagsRemove'], message: `同じタグを追加と削除の両方には指定できません（タグ ${both.join(', ')}）` });
    }
    checkMessageLength(input.messageTemplate, input.productName, ctx);
  });

const units = (n: number) => n.toLocaleString('ja-JP');

/**
 * The message is stored as typed (at most 5,000 units) and must still fit LINE's 5,000 once the
 * robot fills in this config's product name; otherwise the order would be made at night and the
 * message refused, so the customer would never be told.
 */
function checkMessageLength(template: string, productName: string, ctx: z.RefinementCtx): void {
  const typed = unitsOf(template);
  if (typed > MESSAGE_MAX_CHARS) {
    ctx.addIssue({
      code: 'custom',
      path: ['messageTemplate'],
      message: `完了メッセージは LINE の数え方で ${units(MESSAGE_MAX_CHARS)} 文字までです（いま ${units(typed)} 文字。絵文字などは 1 つで 2 文字と数えます）`,
      params: { code: 'messageTooLong', units: typed, max: MESSAGE_MAX_CHARS },
    });
    return;
  }
  const length = messageLength(template, productName);
  if (length.verdict === 'tooLong') {
    ctx.addIssue({
      code: 'custom',
      path: ['messageTemplate'],
      message: `商品名を差し込んだ完了メッセージが LINE の上限 ${units(length.max)} 文字を超えます（${units(length.units)} 文字。絵文字などは 1 つで 2 文字と数えます）`,
      params: { code: 'messageTooLongRendered', units: length.units, max: length.max },
    });
  }
}

export type CrosssellConfigInput = z.output<typeof crosssellConfigInput>;

/**
 * The input rules plus what only the replica knows: no other config has the name (staff tell
 * configs apart by it), every tag must exist, and the product must be in the cart's product
 * master under exactly that name (seed 000 ⑧⑨: the robot finds the product by an exact match,
 * so a typo would only surface as a failed cross-sell at a customer's tap). Each of these
 * issues carries `params.code` (duplicateName, unknownTag, unknownProductCode,
 * productNameMismatch) and the values it names, so the screen can word it in its own language.
 * The cart admin is reachable only by the robot, so the master checked is the one the cloud
 * syncs into `products`; while the replica holds no product of that cart at all (a shop whose
 * master has not arrived yet) there is nothing to check against and the code is taken as typed.
 */
export function crosssellConfigInputFor(db: Db) {
  const exists = db.prepare('SELECT 1 FROM tags WHERE id = ?').pluck();
  const masterName = db.prepare('SELECT name FROM products WHERE cart = ? AND code = ?').pluck();
  const knowsProducts = db.prepare('SELECT 1 FROM products WHERE cart = ? LIMIT 1').pluck();
  const names = db.prepare('SELECT id, name FROM crosssell_configs');
  return crosssellConfigInput.superRefine((input, ctx) => {
    const sameName = configNamedLike(names.all() as Array<{ id: number; name: string }>, input.name, input.id);
    if (sameName) {
      const { message, params } = nameTakenIssue(sameName);
      ctx.addIssue({ code: 'custom', path: ['name'], message, params });
    }
    for (const list of ['tagsAdd', 'tagsRemove'] as const) {
      input[list].forEach((tagId, index) => {
        if (exists.get(tagId) === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [list, index],
            message: `タグ ${tagId} は存在しません（削除されたか、まだ同期されていません）`,
            params: { code: 'unknownTag', tagId },
          });
        }
      });
    }
    if (knowsProducts.get(input.cart) === undefined) return;
    const name = masterName.get(input.cart, input.productCode) as string | undefined;
    if (name === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['productCode'],
        message: `商品コード「${input.productCode}」は ${input.cart} の商品マスタにありません（商品コードと完全一致で入力してください）`,
        params: { code: 'unknownProductCode', productCode: input.productCode },
      });
      return;
    }
    if (name !== input.productName) {
      ctx.addIssue({
        code: 'custom',
        path: ['productName'],
        message: `商品コード「${input.productCode}」の商品マスタ名は「${name}」です（完全一致で入力してください）`,
        params: { code: 'productNameMismatch', productCode: input.productCode, masterName: name },
      });
    }
  });
}
