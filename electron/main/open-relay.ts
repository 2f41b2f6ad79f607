import type { NoticeTarget } from './notice-decider';

/** What a window is asked to open: a request's details, or the dashboard's 手動対応 list. */
export type OpenTarget = Exclude<NoticeTarget, { kind: 'window' }>;

export interface OpenRelay {
  /**
   * A click on a notification or the tray asks to open `target`. A window whose page is loaded is
   * told at once; a window still loading asks for it when its page is ready (take).
   */
  open(target: NoticeTarget, windowLoaded: boolean): void;
  /** The target waiting for a page that has just loaded, once. */
  take(): string | null;
}

/** Targets go to the page as JSON text, like every other message across the bridge. */
export function createOpenRelay(send: (text: string) => void): OpenRelay {
  let pending: string | null = null;
  return {
    open(target, windowLoaded) {
      if (target.kind === 'window') return;
      const text = JSON.stringify(target satisfies OpenTarget);
      if (windowLoaded) {
        pending = null;
        send(text);
      } else pending = text;
    },
    take() {
      const text = pending;
      pending = null;
      return text;
    },
  };
}
