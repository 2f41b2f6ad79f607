import { z } from 'zod';
import { cartKinds, cartLoginFields, cartLoginRef } from '../secrets/cart-logins';
import { WORKSTATION_NAME_MAX } from '../instance/workstation-name';

/** The robot's browser contexts: tanto.json's robot.concurrency bounds. */
export const CONCURRENCY_MIN = 1;
export const CONCURRENCY_MAX = 8;
export const DEFAULT_CONCURRENCY = 2;
export const BROWSER_PATH_MAX = 1000;

/** Each rule's issue carries params.code, so a screen can say it in the viewer's language (setup-api.md lists them). */
const issue = (code: string, message: string, extra: Record<string, string | number> = {}) => ({ message, params: { code, ...extra } });

export const cloudUrlSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === '') return void ctx.addIssue({ code: 'custom', ...issue('cloudUrlEmpty', 'クラウドのアドレスを入力してください') });
    const url = URL.canParse(value) ? new URL(value) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
      ctx.addIssue({ code: 'custom', ...issue('cloudUrlInvalid', 'クラウドのアドレスは https:// から始まる URL で入力してください') });
    } else if (value.length > 500) {
      ctx.addIssue({ code: 'custom', ...issue('cloudUrlTooLong', 'クラウドのアドレスが長すぎます', { max: 500 }) });
    }
  })
  .transform((value) => value.replace(/\/+$/, ''));

const concurrency = z.number().superRefine((value, ctx) => {
  if (!Number.isInteger(value) || value < CONCURRENCY_MIN || value > CONCURRENCY_MAX) {
    ctx.addIssue({
      code: 'custom',
      ...issue('concurrencyRange', `ロボットの同時実行数は ${CONCURRENCY_MIN}〜${CONCURRENCY_MAX} の整数で入力してください`, { min: CONCURRENCY_MIN, max: CONCURRENCY_MAX }),
    });
  }
});

const workstationName = z.string().superRefine((value, ctx) => {
  if (value.trim().length > WORKSTATION_NAME_MAX) {
    ctx.addIssue({ code: 'custom', ...issue('workstationNameTooLong', `ワークステーション名は ${WORKSTATION_NAME_MAX} 文字以内で入力してください`, { max: WORKSTATION_NAME_MAX }) });
  }
});

const browserPath = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value.length > BROWSER_PATH_MAX) ctx.addIssue({ code: 'custom', ...issue('browserPathTooLong', 'ブラウザのパスが長すぎます', { max: BROWSER_PATH_MAX }) });
  })
  .nullable();

/** settings.save: only the fields given change; the rest of tanto.json is kept as it is. */
export const settingsSaveArgs = z.object({
  cloudUrl: cloudUrlSchema.optional(),
  workstationName: workstationName.optional(),
  robotConcurrency: concurrency.nullable().optional(),
  /** null or '' goes back to the browser found on the PC. */
  browserPath: browserPath.optional(),
});
export type SettingsSaveArgs = z.output<typeof settingsSaveArgs>;

const token = z.string().trim().min(1, 'トークンを入力してください').max(4096, 'トークンが長すぎます');

/** settings.testCloud: the token as typed, or the stored one when omitted (the 設定 screen testing what is saved). */
export const testCloudArgs = z.object({ baseUrl: cloudUrlSchema, token: token.optional() });

/** settings.testCartLogin: a login as typed (never stored by the test), or a stored one by its ref. */
export const testCartLoginArgs = z.union([
  z.object({ cart: z.enum(cartKinds).default('ecforce'), ...cartLoginFields }).strict(),
  z.object({ ref: cartLoginRef }).strict(),
]);
export type TestCartLoginArgs = z.output<typeof testCartLoginArgs>;
