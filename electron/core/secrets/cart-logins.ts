import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SecretStore } from './secret-store';

/**
 * A cart's admin login (seed 000 ⑦: one allowed 受注管理, 受注作成 and 定期受注管理). It lives
 * whole in the SecretStore under `cart-login/<ref>`; cross-sell configs, SQLite and the cloud
 * only ever carry the ref.
 */
export const cartKinds = ['ecforce'] as const;
export type CartKind = (typeof cartKinds)[number];

export const CART_LOGIN_PREFIX = 'cart-login/';

const refPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const refRule = 'ログイン情報の参照名は英数字と . _ - で 100 文字までにしてください';
export const cartLoginRef = z.string({ error: refRule }).regex(refPattern, refRule);

export const cartLoginFields = {
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'カート管理画面の URL を http(s):// から入力してください' })
    .max(500, 'カート管理画面の URL が長すぎます'),
  email: z.email('ログインのメールアドレスの形式が正しくありません').max(254),
  password: z
    .string({ error: 'ログインのパスワードを入力してください' })
    .min(1, 'ログインのパスワードを入力してください')
    .max(500, 'パスワードが長すぎます'),
};

const storedLogin = z.object({ ref: cartLoginRef, cart: z.enum(cartKinds), ...cartLoginFields });

export type CartLogin = z.infer<typeof storedLogin>;
/** What may be shown and listed: everything but the password. */
export type CartLoginSummary = Omit<CartLogin, 'password'>;
export type CartLoginInput = Omit<CartLogin, 'ref'> & { ref?: string };

/**
 * The same site and e-mail always give the same ref, so entering a login again (a changed
 * password) replaces it instead of piling up copies. The e-mail is hashed because the ref
 * travels to the cloud inside cross-sell configs.
 */
export function deriveCartLoginRef(login: Pick<CartLogin, 'cart' | 'baseUrl' | 'email'>): string {
  const host = new URL(login.baseUrl).host.replace(/[^A-Za-z0-9.-]/g, '-');
  const who = createHash('sha256').update(login.email.trim().toLowerCase()).digest('hex').slice(0, 10);
  return `${login.cart}-${host}-${who}`.slice(0, 100);
}

/** Stores (or replaces) a login; the ref is derived from the site and e-mail when not given. */
export async function saveCartLogin(store: SecretStore, input: CartLoginInput): Promise<CartLoginSummary> {
  const checked = storedLogin.omit({ ref: true }).extend({ ref: cartLoginRef.optional() }).safeParse(input);
  if (!checked.success) throw new Error(`カートログインを保存できません:\n${z.prettifyError(checked.error)}`);
  const base = { ...checked.data, baseUrl: checked.data.baseUrl.replace(/\/+$/, '') };
  const login: CartLogin = { ...base, ref: checked.data.ref ?? deriveCartLoginRef(base) };
  await store.set(CART_LOGIN_PREFIX + login.ref, JSON.stringify(login));
  return summaryOf(login);
}

/** Null when no login is stored under the ref. */
export async function loadCartLogin(store: SecretStore, ref: string): Promise<CartLogin | null> {
  const raw = await store.get(CART_LOGIN_PREFIX + ref);
  if (raw === null) return null;
  const parsed = storedLogin.safeParse(parseJson(raw));
  if (!parsed.success) {
    // The issue's path says which field is wrong; the stored values (a password among them) stay out.
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new Error(`保管されたカートログイン ${ref} が読み取れません (${where})。ログイン情報を入れ直してください`);
  }
  return parsed.data;
}

export async function listCartLogins(store: SecretStore): Promise<CartLoginSummary[]> {
  const refs = (await store.names()).filter((n) => n.startsWith(CART_LOGIN_PREFIX)).map((n) => n.slice(CART_LOGIN_PREFIX.length));
  const logins: CartLoginSummary[] = [];
  for (const ref of refs) {
    const login = await loadCartLogin(store, ref);
    if (login) logins.push(summaryOf(login));
  }
  return logins;
}

export async function deleteCartLogin(store: SecretStore, ref: string): Promise<boolean> {
  return store.delete(CART_LOGIN_PREFIX + ref);
}

function summaryOf({ ref, cart, baseUrl, email }: CartLogin): CartLoginSummary {
  return { ref, cart, baseUrl, email };
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
