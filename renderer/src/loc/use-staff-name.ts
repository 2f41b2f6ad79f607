import { useState } from 'react';

const STORAGE_KEY = 'tanto.staffName';

function saved(): string {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The name a clerk gives for themselves, journaled with what they complete or reopen. One PC is
 * often shared by a shift, so it is remembered but always shown and editable.
 */
export function useStaffName(): [string, (name: string) => void] {
  const [name, setName] = useState(saved);
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

/** What loc.complete and loc.reopen take: a name, or nothing when the field was left empty. */
export function staffArg(name: string): { staff?: string } {
  const trimmed = name.trim().slice(0, 100);
  return trimmed ? { staff: trimmed } : {};
}
