import type { Db } from '../db/open';
import type { QuarantinedChange } from './types';

/** Status shows the newest quarantined changes; the table keeps them all with their raw JSON. */
export const QUARANTINE_SHOWN = 200;

export function readQuarantined(db: Db, limit = QUARANTINE_SHOWN): QuarantinedChange[] {
  return db
    .prepare(
      `SELECT id, seq, entity, op, reason, cause, quarantined_at AS quarantinedAt
       FROM (SELECT * FROM quarantined_changes ORDER BY id DESC LIMIT ?) ORDER BY id`,
    )
    .all(limit) as QuarantinedChange[];
}

export function quarantinedRaw(db: Db, id: number): string | null {
  return (db.prepare('SELECT raw FROM quarantined_changes WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}
