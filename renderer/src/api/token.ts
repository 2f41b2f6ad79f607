/**
 * The headless shell prints `http://127.0.0.1:<port>/#token=<token>`. A fragment is never sent to
 * a server, so the token stays out of request logs. It is read once, kept for this tab only (so a
 * reload still works) and removed from the address bar so it is not bookmarked or shown.
 */
const STORAGE_KEY = 'tanto.token';

export interface TokenSources {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

export function takeToken({ location, history, storage }: TokenSources): string | null {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}
