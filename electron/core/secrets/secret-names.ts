import { CART_LOGIN_PREFIX } from './cart-logins';

/**
 * The names the shells store their own secrets under, beside the cart logins
 * (`cart-login/<ref>`). Names are not secret: the desktop store keeps them readable so it can
 * say which value it could not decrypt.
 */
export const CLOUD_TOKEN_SECRET = 'cloud-token';
export const LINE_TOKEN_SECRET = 'line-token';

/** What a screen needs to name a secret in staff's words; never the value. */
export type SecretLabel =
  | { kind: 'cloudToken' }
  | { kind: 'lineToken' }
  /** `site` is the cart's host when the ref was derived from it (see deriveCartLoginRef). */
  | { kind: 'cartLogin'; ref: string; site: string | null }
  | { kind: 'other' };

const derivedRef = /^[a-z]+-(.+)-[0-9a-f]{10}$/;

export function labelOfSecret(name: string): SecretLabel {
  if (name === CLOUD_TOKEN_SECRET) return { kind: 'cloudToken' };
  if (name === LINE_TOKEN_SECRET) return { kind: 'lineToken' };
  if (name.startsWith(CART_LOGIN_PREFIX)) {
    const ref = name.slice(CART_LOGIN_PREFIX.length);
    return { kind: 'cartLogin', ref, site: derivedRef.exec(ref)?.[1] ?? null };
  }
  return { kind: 'other' };
}

/** The secret in words for logs and error messages (Japanese, then English), never its value. */
export function describeSecret(name: string): string {
  const label = labelOfSecret(name);
  switch (label.kind) {
    case 'cloudToken':
      return 'クラウドのトークン (cloud token)';
    case 'lineToken':
      return 'LINE のチャネルアクセストークン (LINE token)';
    case 'cartLogin':
      return `カートのログイン ${label.site ?? label.ref} (cart login)`;
    case 'other':
      return name;
  }
}
