/**
 * The renderer is loaded from `app://tanto/`, a privileged standard scheme served from the
 * renderer build, not from file://: it gives the app one origin of its own, which the CSP's
 * 'self', the IPC sender check and the navigation guard all compare against.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tanto';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs of the app's own origin. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // URL.origin is "null" for non-special schemes, so compare the parts instead.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}
