import os from 'node:os';
import type { Db } from '../db/open';

/** Longer names than this would not fit beside ロボット in the journal's actor column. */
export const WORKSTATION_NAME_MAX = 40;

export interface WorkstationName {
  /** What staff screens call this workstation and its robot. */
  name: string;
  /** The shop has not named it: the computer's host name stands in. */
  isDefault: boolean;
}

/**
 * The name the shop gives this workstation (「レジ横のPC」), kept in this replica alone. Until it
 * is given, the computer's host name stands in; the cloud's lease holder id (host#id) is for
 * telling workstations apart and never shown as a name.
 */
export function readWorkstationName(db: Db): WorkstationName {
  const saved = db.prepare(`SELECT value FROM workstation_settings WHERE key = 'name'`).pluck().get() as string | undefined;
  return saved ? { name: saved, isDefault: false } : { name: os.hostname(), isDefault: true };
}

/** An empty name goes back to the host name. */
export function saveWorkstationName(db: Db, name: string): WorkstationName {
  const trimmed = name.trim();
  if (trimmed === '') db.prepare(`DELETE FROM workstation_settings WHERE key = 'name'`).run();
  else db.prepare(`INSERT INTO workstation_settings (key, value) VALUES ('name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(trimmed);
  return readWorkstationName(db);
}
