import { useSyncExternalStore } from 'react';

const STORAGE_KEY = 'tanto.staffName';
const listeners = new Set<() => void>();
let current = saved();

function saved(): string {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

const snapshot = () => current;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setStaffName(next: string): void {
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // A private window may refuse storage; the name then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/**
 * Who is at work on this workstation, picked once (from the shop's staff list or typed) and
 * journaled with what they complete or reopen. One PC is often shared by a shift, so it is
 * remembered on the PC, shown in the top bar and in each form, and changed from any of them.
 */
export function useStaffName(): [string, (name: string) => void] {
  const name = useSyncExternalStore(subscribe, snapshot, snapshot);
  return [name, setStaffName];
}

/** What loc.complete and loc.reopen take: a name, or nothing when the field was left empty. */
export function staffArg(name: string): { staff?: string } {
  const trimmed = name.trim().slice(0, 100);
  return trimmed ? { staff: trimmed } : {};
}
