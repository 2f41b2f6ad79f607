import type { Db } from '../db/open';

/**
 * Whether this workstation's first-run flow is under way: set when a core starts with no cloud on
 * a replica that never synced (a new shop), cleared when staff finish the flow. A shop set up by
 * files (servers, the demo) never has it, so it never sees the flow.
 */
const KEY = 'first_run';

export function setupInProgress(db: Db): boolean {
  return db.prepare('SELECT value FROM workstation_settings WHERE key = ?').pluck().get(KEY) === 'in_progress';
}

export function markSetupStarted(db: Db): void {
  db.prepare(`INSERT INTO workstation_settings (key, value) VALUES (?, 'in_progress') ON CONFLICT (key) DO NOTHING`).run(KEY);
}

export function markSetupFinished(db: Db): void {
  db.prepare(`INSERT INTO workstation_settings (key, value) VALUES (?, 'done') ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(KEY);
}
