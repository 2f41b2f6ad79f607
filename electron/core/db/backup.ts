import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../clock';
import { DatabaseError } from './errors';
import type { Db } from './open';
import { BACKUP_NAME } from './replica-backups';


export interface BackupResult {
  file: string;
  pages: number;
  pruned: string[];
}

/**
 * Copies the live replica with SQLite's online backup (readers and the writer keep going), then
 * proves the copy by opening it and running quick_check. One file per UTC day; older ones beyond
 * `keep` are removed.
 */
export async function backupDatabase(db: Db, dir: string, clock: Clock, keep = 7): Promise<BackupResult> {
  const day = clock.now().toISOString().slice(0, 10);
  const file = path.join(dir, `replica-${day}.sqlite`);
  const progress = await db.backup(file);
  const copy = new Database(file, { fileMustExist: true });
  try {
    // The copy inherits WAL mode; a backup should be one self-contained file.
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new DatabaseError('corrupted', `The backup ${file} failed its integrity check (${String(check)}).`);
  } finally {
    copy.close();
  }
  const backups = readdirSync(dir)
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse();
  const pruned = backups.slice(keep).map((name) => path.join(dir, name));
  for (const old of pruned) rmSync(old, { force: true });
  return { file, pages: progress.totalPages, pruned };
}
