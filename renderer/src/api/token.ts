/**
 * The headless shell prints `http://127.0.0.1:<port>/#token=<token>`. A fragment is never sent to
 * a server, so the token stays out of request logs. It is read once, kept for this tab only (so a
 * reload still works) and removed from the address bar so it is not bookmarked or shown; the rest
 * of the fragment (a member link's `member=<id>`) stays for the screens to follow.
 */
const STORAGE_KEY = 'tanto.token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The token this tab was given, for links that open the app in a tab of its own. */
let taken: string | null = null;

export function takeToken({ location, history, storage }: TokenSources): string | null {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = fragment.get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    fragment.delete('token');
    const rest = fragment.toString();
    history.replaceState(null, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
    taken = fromHash;
    return fromHash;
  }
  taken = storage.getItem(STORAGE_KEY);
  return taken;
}

/**
 * `token=<token>` for a link's fragment, or '' where there is none (the desktop app, which needs
 * none and denies new windows). A tab opened from a link (middle-click, Ctrl-click, 「新しいタブで
 * 開く」) starts with empty session storage, so the link itself must carry the token: in the
 * fragment, which the browser never sends to the server, and which the new tab takes out of its
 * address bar as the first tab did.
 */
export function tokenFragment(): string {
  return taken ? new URLSearchParams({ token: taken }).toString() : '';
}
