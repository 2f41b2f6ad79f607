import { useEffect, useRef } from 'react';
import type { TantoBridgeWindow } from '../../../electron/core/api/types';

/** What the desktop app asks the window to open when staff click a notification or the tray. */
export type DesktopOpen = { kind: 'request'; id: number } | { kind: 'needs-person' };

export function parseDesktopOpen(text: string): DesktopOpen | null {
  try {
    const value = JSON.parse(text) as { kind?: unknown; id?: unknown } | null;
    if (value?.kind === 'needs-person') return { kind: 'needs-person' };
    if (value?.kind === 'request' && Number.isSafeInteger(value.id) && (value.id as number) > 0) return { kind: 'request', id: value.id as number };
  } catch {
    // Not ours to open: ignored like any other malformed message from outside the page.
  }
  return null;
}

const bridge = () => (globalThis as typeof globalThis & TantoBridgeWindow).tanto;

/** In the desktop app, which shows Windows notifications itself; false in a browser. */
export function inDesktopApp(): boolean {
  return typeof bridge()?.onOpen === 'function';
}

/**
 * The window's side of the desktop app's tray and notifications: opens what a click asks for,
 * and tells the main process the language staff chose so the tray speaks it too. Does nothing
 * in a browser (the headless shell has neither).
 */
export function useDesktopShell(open: (target: DesktopOpen) => void, language: string): void {
  const latest = useRef(open);
  useEffect(() => {
    latest.current = open;
  });
  useEffect(() => {
    const onOpen = bridge()?.onOpen;
    if (!onOpen) return;
    return onOpen((text) => {
      const target = parseDesktopOpen(text);
      if (target) latest.current(target);
    });
  }, []);
  useEffect(() => {
    bridge()?.setLanguage?.(language);
  }, [language]);
}
