import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import type { SyncFailure } from './sync-failure';

/**
 * Bookkeeping the sync engine keeps in sync_state, one text value per key.
 * - failures: sync cycles failed in a row; next_attempt_at: when the scheduler may try again
 *   (ISO time). Both go when a cycle succeeds, so a restart keeps backing off.
 * - failure: why the last cycle failed and since when cycles have failed (a SyncFailure as JSON),
 *   gone when a cycle succeeds, so 同期状況 and the top bar say 「オフライン（…から）」 across a restart.
 * - held_changes: pulled changes kept aside because their row had operations waiting to be
 *   sent (a JSON array of the raw changes, in feed order); see engine.ts.
 */
export type SyncStateKey =
  | 'cursor'
  | 'head'
  | 'last_pull_at'
  | 'last_push_at'
  | 'workstation_id'
  | 'failures'
  | 'next_attempt_at'
  | 'failure'
  | 'held_changes';

const statements = new WeakMap<Db, { get: Statement; set: Statement; remove: Statement }>();

function prepared(db: Db) {
  let s = statements.get(db);
  if (!s) {
    s = {
      get: db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck(),
      set: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      remove: db.prepare('DELETE FROM sync_state WHERE key = ?'),
    };
    statements.set(db, s);
  }
  return s;
}

export function readSyncState(db: Db, key: SyncStateKey): string | null {
  return (prepared(db).get.get(key) as string | undefined) ?? null;
}

export function writeSyncState(db: Db, key: SyncStateKey, value: string): void {
  prepared(db).set.run(key, value);
}

export function clearSyncState(db: Db, key: SyncStateKey): void {
  prepared(db).remove.run(key);
}

export function readFailure(db: Db): SyncFailure | null {
  const stored = readSyncState(db, 'failure');
  if (stored === null) return null;
  try {
    return JSON.parse(stored) as SyncFailure;
  } catch {
    return null;
  }
}

export function readCursor(db: Db): number {
  return Number(readSyncState(db, 'cursor') ?? 0);
}
