import type { UpdateNotice } from '../core/api/types';

/** The update's latest notice and who wants to hear of the next, for the windows (ipc.ts). */
export function updateNotices() {
  let current: UpdateNotice = { phase: 'none', version: null, percent: null, waitingFor: null };
  const listeners = new Set<(notice: UpdateNotice) => void>();
  return {
    current: () => current,
    set(notice: UpdateNotice): void {
      current = notice;
      for (const listener of listeners) listener(notice);
    },
    onChange(listener: (notice: UpdateNotice) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
