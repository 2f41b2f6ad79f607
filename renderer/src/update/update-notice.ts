import type { TantoBridgeWindow, UpdateNotice } from '../../../electron/core/api/types';

const PHASES = new Set<UpdateNotice['phase']>(['none', 'available', 'downloading', 'ready', 'installing']);
const WAITING = new Set<UpdateNotice['waitingFor']>(['robot', 'sync', 'session-end', null]);

/** The desktop app's notice as JSON text; anything not shaped like one is no notice at all. */
export function parseUpdateNotice(text: string): UpdateNotice | null {
  let value: Partial<UpdateNotice>;
  try {
    value = JSON.parse(text) as Partial<UpdateNotice>;
  } catch {
    return null;
  }
  if (!value || !PHASES.has(value.phase as UpdateNotice['phase']) || !WAITING.has(value.waitingFor ?? null)) return null;
  return {
    phase: value.phase as UpdateNotice['phase'],
    version: typeof value.version === 'string' ? value.version : null,
    percent: typeof value.percent === 'number' && Number.isFinite(value.percent) ? value.percent : null,
    waitingFor: value.waitingFor ?? null,
  };
}

const READY_KEYS: Record<NonNullable<UpdateNotice['waitingFor']> | 'none', string> = {
  none: 'update.ready',
  robot: 'update.readyAfterRobot',
  sync: 'update.readyAfterSync',
  'session-end': 'update.readyNextStart',
};

/** The message key and its values for a notice, or null when there is nothing to show. */
export function updateMessage(notice: UpdateNotice): { key: string; values: Record<string, string | number> } | null {
  switch (notice.phase) {
    case 'none':
      return null;
    case 'available':
      return { key: 'update.available', values: { version: notice.version ?? '' } };
    case 'downloading':
      return { key: 'update.downloading', values: { percent: Math.round(notice.percent ?? 0) } };
    case 'ready':
      return { key: READY_KEYS[notice.waitingFor ?? 'none'], values: {} };
    case 'installing':
      return { key: 'update.installing', values: {} };
  }
}

/**
 * Listens to the desktop app's update notices; the headless shell has none, and then this
 * never calls back.
 */
export function subscribeUpdateNotices(listener: (notice: UpdateNotice) => void): () => void {
  const onUpdate = (globalThis as typeof globalThis & TantoBridgeWindow).tanto?.onUpdate;
  if (!onUpdate) return () => undefined;
  return onUpdate((text) => {
    const notice = parseUpdateNotice(text);
    if (notice) listener(notice);
  });
}
