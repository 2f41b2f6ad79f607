/**
 * The name a new cart login is kept under, as the core derives it (deriveCartLoginRef): the same
 * site and e-mail always give the same ref, so entering a login again replaces it, and the e-mail
 * is hashed because the ref travels to the cloud inside cross-sell configs.
 */
export async function cartLoginRef(login: { baseUrl: string; email: string }): Promise<string> {
  const host = new URL(login.baseUrl).host.replace(/[^A-Za-z0-9.-]/g, '-');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(login.email.trim().toLowerCase()));
  const who = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 10);
  return `ecforce-${host}-${who}`.slice(0, 100);
}
