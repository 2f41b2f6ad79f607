import type { ReactNode } from 'react';
import { useMayLeave } from '../components/leave-guard';
import { memberHref } from './member-link';

/**
 * A link to a member's page, from any screen (the request's detail pane, the `m` key, the rule
 * preview): a real link, so it can be copied or opened like one. Unsaved work on the current
 * screen is asked about before it is left.
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
        if (!mayLeave()) e.preventDefault();
      }}
    >
      {children}
    </a>
  );
}
