import type { Db } from './open';
import { DatabaseError } from './errors';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations newer than the database, each in its own transaction together with
 * the user_version bump, so a crash leaves the database at a whole version.
 */
export function migrate(db: Db, all: readonly Migration[], target = latestVersion(all)): void {
  const current = schemaVersion(db);
  const known = latestVersion(all);
  if (current > known) {
    throw new DatabaseError(
      'too_new',
      `This database is at schema version ${current}, but this version of Tanto only knows up to ${known}. ` +
        'Update Tanto to open it; it was not changed.',
    );
  }
  for (const migration of all) {
    if (migration.version <= current || migration.version > target) continue;
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      apply();
    } catch (error) {
      throw new DatabaseError(
        'migration_failed',
        `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

export function latestVersion(all: readonly Migration[]): number {
  return all.reduce((max, m) => Math.max(max, m.version), 0);
}
