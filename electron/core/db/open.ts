import Database from 'better-sqlite3';
import { DatabaseError } from './errors';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { registerSearchFunctions } from './search-functions';

export type Db = Database.Database;

export interface OpenOptions {
  /** Run quick_check before migrating; on by default, off for throwaway in-memory databases in tests. */
  quickCheck?: boolean;
}

/**
 * The one place a replica is opened. Every pragma the rest of the code relies on is set here.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file);
  try {
    // WAL lets the UI read while sync or the robot writes; one writer connection is the rule.
    db.pragma('journal_mode = WAL');
    // The robot journal and the outbox live here: a committed step must survive power loss.
    db.pragma('synchronous = FULL');
    // Off by default in SQLite; server state relies on it to reject orphan rows from the feed.
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    if (options.quickCheck ?? true) assertHealthy(db, file);
    registerSearchFunctions(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw asCorruption(error, file) ?? error;
  }
}

/** SQLite reports a damaged file as an error on first read; it gets the same message as a failed check. */
function asCorruption(error: unknown, file: string): DatabaseError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code !== 'SQLITE_CORRUPT' && code !== 'SQLITE_NOTADB') return undefined;
  return new DatabaseError('corrupted', corruptionMessage(file, (error as Error).message), { cause: error });
}

function corruptionMessage(file: string, detail: string): string {
  return (
    `The local database ${file} is damaged (${detail}). ` +
    'Restore the latest backup or delete the file to resync from the cloud.'
  );
}

function assertHealthy(db: Db, file: string): void {
  const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new DatabaseError('corrupted', corruptionMessage(file, problems.slice(0, 3).join('; ')));
  }
}
