import { useState } from 'react';

const STORAGE_KEY = 'tanto.staffName';

/**
 * The name staff give for tags they change by hand; the workstation has no sign-in, so it is
 * remembered on this PC and goes into the member's tag history as the change's detail.
 */
export function useStaffName(): [string, (name: string) => void] {
  const [name, setName] = useState(() => {
    try {
      return globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
    } catch {
      return '';
    }
  });
  return [
    name,
    (next) => {
      setName(next);
      try {
        globalThis.localStorage?.setItem(STORAGE_KEY, next);
      } catch {
        // A private window may refuse storage; the name then lasts for this page only.
      }
    },
  ];
}
