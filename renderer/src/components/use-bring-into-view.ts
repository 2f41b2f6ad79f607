import { useEffect, useRef } from 'react';

/**
 * A result that appears under a long form (a rule's preview, a refusal) would land below the
 * fold of a 1366×768 screen while the staff member looks at the button they pressed: it is
 * scrolled into view, as little as needed, each time `shown` changes to something new.
 */
export function useBringIntoView<T extends HTMLElement>(shown: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (shown !== null && shown !== undefined && shown !== false) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  return ref;
}
