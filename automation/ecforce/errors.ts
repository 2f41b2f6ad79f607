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
  permissionDenied: (right: Said) => `ログインに${right}の権限がありません`,
  loginRejected: 'カートにログインできません。ログイン情報（メールアドレス・パスワード）を確認してください',
  orderRejected: (reasons: string | Said) => `カートが受注を受け付けませんでした（${reasons}）`,
  orderNotFound: (orderNumber: string) => `受注番号 ${orderNumber} の受注がカートに見つかりません`,
  subscriptionNotFound: (id: string) => `定期受注（ID: ${id}）がカートに見つかりません`,
  subscriptionNumberNotFound: (number: string) => `定期受注番号 ${number} の定期受注がカートに見つかりません。番号が正しいか定期受注管理で確認してください`,
  subscriptionCancelled: (number: string) => `定期受注 ${number} はキャンセル済みのため停止できません`,
  invalidInput: (detail: Said) => `クロスセルの設定が正しくありません（${detail}）`,
  timeout: (screen: Said) => `カートの管理画面が時間内に応答しませんでした（${screen}）`,
  serverError: (status: number, screen: Said) => `カートの管理画面がエラーを返しました（HTTP ${status}、${screen}）`,
  sessionExpired: 'カートのセッションが切れ、再ログインしても続けられませんでした',
  requestRejected: (screen: Said) => `カートがリクエストを拒否しました（${screen}、HTTP 422）`,
  unexpectedPage: (screen: Said, what: Said) => `カートの管理画面の構成が想定と異なります（${screen}: ${what}）`,
  network: (screen: Said) => `カートの管理画面に接続できません（${screen}）`,
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
function named<T extends Record<string, string | ((...args: never[]) => string)>>(all: T, prefix = ''): Named<T> {
  const entries = Object.entries(all).map(([key, text]) => [
    key,
    typeof text === 'string' ? new Said(prefix + key, [], text) : (...args: ReasonParam[]) => new Said(prefix + key, args, (text as (...a: ReasonParam[]) => string)(...args)),
  ]);
  return Object.fromEntries(entries) as Named<T>;
}

export const messages = named(texts);

/**
 * The admin screens the robot works on, by code: each page object names its own, and a message
 * carries the screen as one of these, so the screens say it in the viewer's language. The
 * Japanese is ecforce's own name for the screen, as staff find it in the admin's menu.
 */
const screenNames = {
  admin: '管理画面',
  login: 'ログイン',
  orderList: '受注管理（受注一覧）',
  orderCreateCustomer: '受注作成（既存顧客検索）',
  orderForm: '受注作成（注文画面）',
  orderConfirm: '受注作成（確認画面）',
  orderDetail: '受注詳細',
  subscriptionList: '定期受注管理（定期受注一覧）',
  subscriptionDetail: '定期受注詳細',
} as const;

export type ScreenCode = keyof typeof screenNames;

export const screenCodes = Object.keys(screenNames) as ScreenCode[];

/** A screen as a message's parameter: its code as the name, its Japanese as the text. */
export function screenOf(code: ScreenCode): Said {
  return new Said(`ecforceScreen.${code}`, [], screenNames[code]);
}

/** The admin's rights by their name in ecforce's permission settings, and the admin itself when no one right is meant. */
const rightNames = { 受注管理: 'orders', 受注作成: 'orderCreate', 定期受注管理: 'subscriptions', 管理画面の利用: 'admin' } as const;

export function rightOf(right: keyof typeof rightNames): Said {
  return new Said(`ecforceRight.${rightNames[right]}`, [], right);
}

/** Field names the driver's own checks speak of. */
const fieldNames = {
  customerNumber: '顧客番号',
  productCode: '商品コード',
  productName: '商品名',
  quantity: '数量',
  orderNumber: '受注番号',
  subscriptionNumber: '定期受注番号',
  memoText: '書き込む内容',
} as const;

export type FieldCode = keyof typeof fieldNames;

export function fieldOf(code: FieldCode): Said {
  return new Said(`ecforceField.${code}`, [], fieldNames[code]);
}

/** Items said as one list: the screens join them with their language's comma, the text with the Japanese one. */
export function listOf(items: ReadonlyArray<string | Said>): Said {
  return new Said('list', items, items.map(String).join('、'));
}

/**
 * What the robot found wrong on a screen (unexpectedPage's second half), each by name with its
 * parameters. Quoted parameters are the site's own words (a label, a status, its alerts), shown
 * as the site wrote them.
 */
const pageDetailTexts = {
  notFound: 'ページが見つかりません（404）',
  ambiguous: '画面の要素が一つに定まりません',
  confirmationDiffers: (fields: Said) => `確認画面の内容が入力と異なります（${fields}）`,
  unknownStatus: (status: string) => `知らないステータス「${status}」`,
  tooManyMarked: (marker: string, count: number) => `目印 ${marker} を含む受注が多すぎます（${count} 件）`,
  orderNumberTwice: (orderNumber: string) => `受注番号 ${orderNumber} が複数あります`,
  subscriptionNumberTwice: (subscriptionNumber: string) => `定期受注番号 ${subscriptionNumber} が複数あります`,
  subscriptionNumberDiffers: (number: string) => `開いた定期受注の番号（${number}）が探した番号と異なります`,
  signInFailed: (alerts: string | Said) => `ログインできませんでした（${alerts}）`,
  noReasonShown: '理由の表示なし',
  movedElsewhere: (pathname: string) => `想定外の画面に移動しました（${pathname}）`,
  headingMissing: (heading: string) => `見出し「${heading}」が見つかりません`,
  elementTwice: (what: string) => `「${what}」が複数あり、一つに定まりません`,
  elementMissing: (what: string) => `「${what}」が見つかりません`,
  columnsMissing: (columns: Said) => `列「${columns}」が見つかりません`,
  tooManyPages: (pages: number) => `検索結果が${pages}ページを超えました`,
  itemNotOne: '注文商品が一つではありません',
  resultsTableMissing: '検索結果の表が見つかりません',
  orderNumberUnreadable: '受注番号が読み取れません',
  subscriptionNumberUnreadable: '定期受注番号が読み取れません',
  subscriptionFactsUnreadable: '定期受注番号・ステータスが読み取れません',
  saveNotConfirmed: '保存の確認メッセージが表示されません',
  saveNotConfirmedSaying: (alerts: string) => `保存の確認メッセージが表示されません（${alerts}）`,
  orderMemoNotSaved: '保存後の受注備考欄が書いた内容と一致しません',
  subscriptionMemoNotSaved: '保存後の定期受注備考欄が書いた内容と一致しません',
  productResultsMissing: '商品検索結果の表が見つかりません',
  productShownTwice: (code: string) => `商品コード ${code} の商品が複数表示されています`,
  chosenProductMissing: '選択した商品が表示されていません',
  chosenNotOne: '選択中の商品が一つではありません',
  linkUnreadable: '詳細/編集のリンク先が読み取れません',
  unexpectedDialog: (message: string) => `想定外の確認ダイアログ（${message}）`,
  stopNotConfirmed: (status: string) => `停止を確認できません（ステータス: ${status}）`,
  stopNotConfirmedSaying: (status: string, alerts: string) => `停止を確認できません（ステータス: ${status}、${alerts}）`,
};

/** Why the driver would not even try: what it was given is not usable (invalidInput's detail). */
const inputDetailTexts = {
  quantityOutOfRange: (quantity: string | number) => `数量 ${quantity} は1〜99の整数ではありません`,
  markerUnusable: '目印（TANTO:…）が空か、空白を含んでいます',
  subscriptionIdInvalid: (id: string) => `定期受注ID「${id}」が正しくありません`,
  empty: (field: Said) => `${field}が空です`,
  paymentMethodUnavailable: (method: string, offered: Said) => `決済方法「${method}」はカートで選べません（選べるもの: ${offered}）`,
  noReasonShown: '理由は表示されませんでした',
};

export const pageDetails = named(pageDetailTexts, 'pageDetail.');
export const inputDetails = named(inputDetailTexts, 'inputDetail.');

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
  constructor(readonly screen: ScreenCode) {
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
export function toDriverError(error: unknown, code: ScreenCode, redact: Redact): DriverError {
  const screen = screenOf(code);
  if (error instanceof DriverError) {
    return error;
  }
  if (error instanceof SessionExpiredSignal) return applicationError('session_expired', messages.sessionExpired);
  if (error instanceof Error && error.name === 'NotFoundSignal') {
    return applicationError('unexpected_page', messages.unexpectedPage(screen, pageDetails.notFound));
  }
  const detail = redact(error instanceof Error ? error.message : String(error));
  const cause = new Error(detail);
  if (error instanceof playwrightErrors.TimeoutError) return applicationError('timeout', messages.timeout(screen), cause);
  if (/net::ERR_|ECONNREFUSED|ECONNRESET|socket hang up/.test(detail)) return applicationError('network', messages.network(screen), cause);
  if (/strict mode violation/.test(detail)) return applicationError('unexpected_page', messages.unexpectedPage(screen, pageDetails.ambiguous), cause);
  const firstLine = detail.split('\n')[0] ?? '';
  return applicationError('unknown', messages.unknown(firstLine.slice(0, 200)), cause);
}
