import type { ReactNode } from 'react';
import { useMayLeave } from '../components/leave-guard';
import { memberHash, memberHref } from './member-link';

/**
 * A link to a member's page, from any screen (the request's detail pane, the `m` key, the rule
 * preview): a real link, so it can be copied or opened like one, in a new tab too (its href
 * carries the tab's token). Unsaved work on the current screen is asked about before it is left.
 */
export function MemberLink({ id, children, label }: { id: number; children: ReactNode; label?: string }) {
  const mayLeave = useMayLeave();
  return (
    <a
      href={memberHref(id)}
      className="member-link"
      data-member-id={id}
      aria-label={label}
      onClick={(e) => {
        if (!mayLeave()) {
          e.preventDefault();
          return;
        }
        // Followed in this tab, the link needs no token: going to the page without it keeps the
        // token out of the tab's history. A new tab or window (Ctrl, Shift, middle button) gets the href.
        if (e.button === 0 && !e.ctrlKey && !e.metaKey && !e.shiftKey && !e.altKey) {
          e.preventDefault();
          window.location.hash = memberHash(id);
        }
      }}
    >
      {children}
    </a>
  );
}
