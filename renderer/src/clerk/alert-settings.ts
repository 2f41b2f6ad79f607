import { useSyncExternalStore } from 'react';

export interface AlertSettings {
  /** A desktop notification when a request newly needs a person. */
  notify: boolean;
  /** A short tone with it, for a clerk who is looking at another window. */
  sound: boolean;
}

const STORAGE_KEY = 'tanto.alerts';
const defaults: AlertSettings = { notify: true, sound: false };
const listeners = new Set<() => void>();
let current = load();

function load(): AlertSettings {
  try {
    const parsed: unknown = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? 'null');
    if (parsed && typeof parsed === 'object') {
      const p = parsed as Partial<Record<keyof AlertSettings, unknown>>;
      return { notify: p.notify !== false, sound: p.sound === true };
    }
  } catch {
    // Storage refused or a value from elsewhere: the defaults stand.
  }
  return defaults;
}

export function setAlertSettings(next: AlertSettings): void {
  current = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // A private window may refuse storage; the choice then lasts for this page only.
  }
  for (const listener of listeners) listener();
}

/** Kept per workstation, like the staff at work: each PC decides whether it rings. */
export function useAlertSettings(): AlertSettings {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
    () => current,
  );
}
