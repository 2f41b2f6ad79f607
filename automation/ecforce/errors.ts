import { errors as playwrightErrors } from 'playwright-core';
import { DriverError, type DriverErrorCode, type Reason, type ReasonParam } from '../cart-driver';

/**
 * Every failure staff may see, in Japanese, with what to do about it where that is clear.
 * Business errors name the data or the right that is missing; application errors name the
 * screen where the site misbehaved.
 */
const texts = {
  customerNotFound: (customerNumber: string) => `顧客番号 ${customerNumber} の顧客がカートに見つかりません`,
  customerAmbiguous: (customerNumber: string) => `顧客番号 ${customerNumber} に該当する顧客がカートに複数あります`,
  /** A phone that is not registered is given as phoneMissing itself, so the screens say that word in their language too. */
  customerPhoneMismatch: (cartName: string, cartPhone: string | Said, memberName: string, memberPhone: string | Said) =>
    `カートの顧客（${cartName}、電話番号 ${String(cartPhone)}）と友だち（${memberName}、電話番号 ${String(memberPhone)}）の電話番号が一致しないため、受注していません。カート顧客の紐付けを確認してから手動で対応してください`,
  customerNameDiffers: (cartName: string, memberName: string) => `カートの顧客名「${cartName}」が友だちの氏名「${memberName}」と異なります（電話番号は一致しています）`,
  phoneMissing: '未登録',
  completionMessageTooLong: (units: number, limit: number) =>
    `完了メッセージがお客様の名前と商品名を入れると ${units} 文字（UTF-16）になり、LINE の上限 ${limit} 文字を超えて送れないため、受注していません。クロスセル設定のメッセージを短くしてから手動で対応してください`,
  productNotFound: (code: string) => `商品コード ${code} が商品マスタにありません`,
  productNameMismatch: (master: string, configured: string) => `商品名が商品マスタと一致しません（マスタ: ${master}／設定: ${configured}）`,
  permissionDenied: (right: string) => `ログインに${right}の権限がありません`,
  loginRejected: 'カートにログインできません。ログイン情報（メールアドレス・パスワード）を確認してください',
  orderRejected: (reasons: string) => `カートが受注を受け付けませんでした（${reasons}）`,
  orderNotFound: (orderNumber: string) => `受注番号 ${orderNumber} の受注がカートに見つかりません`,
  subscriptionNotFound: (id: string) => `定期受注（ID: ${id}）がカートに見つかりません`,
  subscriptionNumberNotFound: (number: string) => `定期受注番号 ${number} の定期受注がカートに見つかりません。番号が正しいか定期受注管理で確認してください`,
  subscriptionCancelled: (number: string) => `定期受注 ${number} はキャンセル済みのため停止できません`,
  invalidInput: (detail: string) => `クロスセルの設定が正しくありません（${detail}）`,
  timeout: (screen: string) => `カートの管理画面が時間内に応答しませんでした（${screen}）`,
  serverError: (status: number, screen: string) => `カートの管理画面がエラーを返しました（HTTP ${status}、${screen}）`,
  sessionExpired: 'カートのセッションが切れ、再ログインしても続けられませんでした',
  requestRejected: (screen: string) => `カートがリクエストを拒否しました（${screen}、HTTP 422）`,
  unexpectedPage: (screen: string, what: string) => `カートの管理画面の構成が想定と異なります（${screen}: ${what}）`,
  network: (screen: string) => `カートの管理画面に接続できません（${screen}）`,
  unknown: (detail: string) => `カートの操作中に予期しないエラーが発生しました（${detail}）`,
};

/** A message of the driver's: its Japanese text and the same as data (its name and parameters). */
export class Said implements Reason {
  constructor(
    readonly key: string,
    readonly params: readonly ReasonParam[],
    readonly text: string,
  ) {}

  toString(): string {
    return this.text;
  }
}

type Named<T> = { [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => Said : Said };

/** Each message keeps its name, so the screens say it from their catalogs (robotReasons) and not in Japanese alone. */
function named<T extends Record<string, string | ((...args: never[]) => string)>>(all: T): Named<T> {
  const entries = Object.entries(all).map(([key, text]) => [
    key,
    typeof text === 'string' ? new Said(key, [], text) : (...args: ReasonParam[]) => new Said(key, args, (text as (...a: ReasonParam[]) => string)(...args)),
  ]);
  return Object.fromEntries(entries) as Named<T>;
}

export const messages = named(texts);

export function businessError(code: DriverErrorCode, message: string | Said): DriverError {
  return new DriverError('business', String(message), { code, reason: reasonOf(message) });
}

export function applicationError(code: DriverErrorCode, message: string | Said, cause?: unknown): DriverError {
  return new DriverError('application', String(message), { code, reason: reasonOf(message), ...(cause === undefined ? {} : { cause }) });
}

function reasonOf(message: string | Said): Reason | null {
  return message instanceof Said ? { key: message.key, params: message.params } : null;
}

/** Thrown by a page that finds itself on the sign-in screen; the session keeper signs in again. */
export class SessionExpiredSignal extends Error {
  override readonly name = 'SessionExpiredSignal';
  constructor(readonly screen: string) {
    super(`session expired on ${screen}`);
  }
}

export type Redact = (text: string) => string;

export const REDACTED = '********';

/** Removes each secret, as typed and as a form would encode it, from a text meant for people. */
export function createRedactor(secrets: readonly string[]): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(new URLSearchParams({ s: secret }).toString().slice(2));
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  return (text) => ordered.reduce((out, form) => out.split(form).join(REDACTED), text);
}

/**
 * Turns anything thrown during a step into a DriverError. Playwright's own errors are
 * application errors; their text is redacted and kept as the cause, never the original
 * object (its message could carry what was typed).
 */
export function toDriverError(error: unknown, screen: string, redact: Redact): DriverError {
  if (error instanceof DriverError) {
    return error;
  }
  if (error instanceof SessionExpiredSignal) return applicationError('session_expired', messages.sessionExpired);
  if (error instanceof Error && error.name === 'NotFoundSignal') {
    return applicationError('unexpected_page', messages.unexpectedPage(screen, 'ページが見つかりません（404）'));
  }
  const detail = redact(error instanceof Error ? error.message : String(error));
  const cause = new Error(detail);
  if (error instanceof playwrightErrors.TimeoutError) return applicationError('timeout', messages.timeout(screen), cause);
  if (/net::ERR_|ECONNREFUSED|ECONNRESET|socket hang up/.test(detail)) return applicationError('network', messages.network(screen), cause);
  if (/strict mode violation/.test(detail)) return applicationError('unexpected_page', messages.unexpectedPage(screen, '画面の要素が一つに定まりません'), cause);
  const firstLine = detail.split('\n')[0] ?? '';
  return applicationError('unknown', messages.unknown(firstLine.slice(0, 200)), cause);
}
