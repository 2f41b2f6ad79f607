import { useEffect } from 'react';

import { tokenFragment } from '../api/token';

/**
 * A member page has an address of its own, `#member=<id>`, so any screen can link to it with a
 * plain link (keyboard, focus and "copy link" work as links do). Following one switches to the
 * member screen, which opens that member and takes the address away again, so the same link can
 * be followed twice. In a browser the link also carries the tab's token (`&token=…`, see
 * tokenFragment), so that the link opened in a new tab can load the page too.
 */
export function memberHref(id: number): string {
  const token = tokenFragment();
  return `${memberHash(id)}${token ? `&${token}` : ''}`;
}

/** The member page's address in this tab, which holds its token already. */
export function memberHash(id: number): string {
  return `#member=${id}`;
}

export function memberIdIn(hash: string): number | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('member');
  const id = value === null ? NaN : Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

/** For the app: shows the member screen whenever a member link is followed. */
export function useFollowMemberLinks(show: () => void): void {
  useEffect(() => {
    const onHash = () => {
      if (memberIdIn(window.location.hash) !== null) show();
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [show]);
}

/** For the member screen: opens the member a followed link names, now and whenever another is followed. */
export function useLinkedMember(open: (id: number) => void): void {
  useEffect(() => {
    const onHash = () => {
      const id = memberIdIn(window.location.hash);
      if (id === null) return;
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      open(id);
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [open]);
}
