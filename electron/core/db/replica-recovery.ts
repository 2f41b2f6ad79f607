import { copyFileSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from '../clock';
import { DatabaseError } from './errors';
import { openDatabase, type Db } from './open';
import { latestHealthyBackup, type BackupOffer } from './replica-backups';
import { inspectReplicaFile, type ReplicaDamage } from './replica-file';
import type { ReplicaRecovery, ReplicaRefusal } from './replica-refusal';

export type { ReplicaRecovery, ReplicaRefusal };

/**
 * The replica cannot be trusted and nothing was changed: the damaged file is still where it was,
 * so starting again without a choice refuses again instead of starting empty.
 */
export class ReplicaDamagedError extends DatabaseError {
  /** Staff asked for the backup and there was none to restore. */
  readonly restoreImpossible: boolean;

  constructor(
    readonly damage: ReplicaDamage,
    readonly file: string,
    readonly backup: BackupOffer | null,
    detail: string,
    options?: { cause?: unknown; restoreImpossible?: boolean },
  ) {
    super('corrupted', damagedMessage(file, damage, backup, detail), options?.cause === undefined ? undefined : { cause: options.cause });
    this.restoreImpossible = options?.restoreImpossible ?? false;
  }

  refusal(): ReplicaRefusal {
    return {
      damage: this.damage,
      backup: this.backup
        ? { takenAt: this.backup.takenAt, unsent: this.backup.unsent, ...(this.backup.timeZone ? { timeZone: this.backup.timeZone } : {}) }
        : null,
      ...(this.restoreImpossible ? { restoreImpossible: true as const } : {}),
    };
  }
}

export interface OpenReplicaOptions {
  file: string;
  backupsDir: string;
  clock: Clock;
  log: (line: string) => void;
  /** Applies only when the replica is damaged; a healthy replica opens as it is whatever is asked. */
  recovery?: ReplicaRecovery;
}

/**
 * Opens the replica after checking it. A missing file is a new shop. A damaged one (0 bytes,
 * truncated, not SQLite, quick_check failing) is never replaced without staff asking: the core
 * refuses with the latest backup on offer, and only `restore-backup` or `start-fresh` moves the
 * damaged file aside (with its WAL, under a timestamped name, never deleted) and goes on.
 */
export function openReplica(options: OpenReplicaOptions): Db {
  const { file } = options;
  finishInterrupted(options);
  const found = inspectReplicaFile(file);
  if (found.state === 'damaged') return recover(options, found.damage, found.detail);
  try {
    const db = openDatabase(file);
    if (options.recovery) options.log(`replica: ${file} opened as it is; ${options.recovery} applies only to a damaged replica.`);
    return db;
  } catch (error) {
    if (found.state === 'present' && error instanceof DatabaseError && error.kind === 'corrupted') {
      return recover(options, 'check_failed', error.message, error);
    }
    throw error;
  }
}

function recover(options: OpenReplicaOptions, damage: ReplicaDamage, detail: string, cause?: unknown): Db {
  const backup = latestHealthyBackup(options.backupsDir);
  const refuse = (restoreImpossible = false) =>
    new ReplicaDamagedError(damage, options.file, backup, detail, { ...(cause === undefined ? {} : { cause }), restoreImpossible });
  if (!options.recovery) throw refuse();
  if (options.recovery === 'restore-backup' && !backup) throw refuse(true);
  if (options.recovery === 'restore-backup' && backup) {
    // Copied beside the replica first, so the damaged file is moved aside only once its replacement
    // is whole, and is then swapped in by a rename: no moment holds a half-copied replica.
    const incoming = `${options.file}.restoring`;
    copyFileSync(backup.file, incoming);
    const keptAs = setAside(options.file, options.clock);
    renameSync(incoming, options.file);
    options.log(`replica: the damaged replica (${damage}) was kept as ${keptAs}; restored the backup of ${backup.takenAt} with ${backup.unsent} unsent operations.`);
  } else {
    const keptAs = setAside(options.file, options.clock);
    options.log(`replica: the damaged replica (${damage}) was kept as ${keptAs}; starting fresh as staff asked, the cloud's data comes back by sync.`);
  }
  return openDatabase(options.file);
}

/** `replica.sqlite` → `replica.damaged-20261204T183000Z.sqlite`, with its -wal and -shm beside it. */
function setAside(file: string, clock: Clock): string {
  const target = asideName(file, clock);
  renameSync(file, target);
  moveSidecars(file, target);
  return target;
}

function asideName(file: string, clock: Clock): string {
  const stamp = clock.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const { dir, name, ext } = path.parse(file);
  let target = path.join(dir, `${name}.damaged-${stamp}${ext}`);
  for (let n = 2; existsSync(target); n += 1) target = path.join(dir, `${name}.damaged-${stamp}-${n}${ext}`);
  return target;
}

/** A WAL left by the damaged file must not be replayed into the restored or new one. */
function moveSidecars(file: string, target: string): void {
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
}

/**
 * A restore is two renames (the damaged file aside, then the backup's copy in its place), and the
 * PC can stop between them. The next start then finds what is there and goes on from it, saying
 * so, instead of taking a missing replica for a new shop and starting empty:
 * - the damaged file set aside and the whole copy beside it: the copy is moved into place;
 * - the damaged file set aside but not its WAL: the WAL follows it, never replayed into another file;
 * - a copy cut short while the damaged file is still in place: the copy is removed (the backup
 *   it came from is untouched) and the damaged replica is refused again, for staff to choose.
 */
function finishInterrupted(options: OpenReplicaOptions): void {
  const { file, log } = options;
  const incoming = `${file}.restoring`;
  if (!existsSync(file)) {
    if (existsSync(`${file}-wal`) || existsSync(`${file}-shm`)) {
      const target = lastSetAside(file) ?? asideName(file, options.clock);
      moveSidecars(file, target);
      log(`replica: the WAL of the damaged replica was left behind by an interrupted recovery; it was kept beside ${target}.`);
    }
    if (existsSync(incoming)) {
      const copy = inspectReplicaFile(incoming);
      renameSync(incoming, file);
      log(
        copy.state === 'present'
          ? `replica: a restore of the backup was interrupted after the damaged replica was set aside; it was finished now.`
          : `replica: a restore of the backup was interrupted and its copy is ${copy.state === 'damaged' ? copy.damage : copy.state}; the replica is refused until staff choose again.`,
      );
    }
    return;
  }
  if (existsSync(incoming)) {
    rmSync(incoming, { force: true });
    log('replica: a restore of the backup was interrupted before the damaged replica was set aside; its partial copy was removed.');
  }
}

/** The damaged file most recently set aside (the names sort by their timestamp), if it has no WAL of its own. */
function lastSetAside(file: string): string | null {
  const { dir, name, ext } = path.parse(file);
  const prefix = `${name}.damaged-`;
  // replica.damaged-20261204T093000Z.sqlite, then -2, -3 for more in the same second.
  const order = (entry: string) => {
    const [, stamp = '', n = '1'] = /^.*?\.damaged-(\d{8}T\d{6}Z)(?:-(\d+))?/.exec(entry) ?? [];
    return `${stamp}:${n.padStart(6, '0')}`;
  };
  const kept = readdirSync(dir)
    .filter((entry) => entry.startsWith(prefix) && entry.endsWith(ext))
    .sort((a, b) => order(a).localeCompare(order(b)))
    .at(-1);
  if (!kept) return null;
  const target = path.join(dir, kept);
  return existsSync(`${target}-wal`) || existsSync(`${target}-shm`) ? null : target;
}

function damagedMessage(file: string, damage: ReplicaDamage, backup: BackupOffer | null, detail: string): string {
  const what = {
    empty: 'is empty (0 bytes)',
    truncated: 'is cut short',
    not_sqlite: 'is not a database file',
    check_failed: 'failed its integrity check',
  }[damage];
  const offer = backup
    ? `the latest backup is from ${backup.takenAt} and holds ${backup.unsent} unsent operations`
    : 'there is no backup to restore';
  return `The local database ${file} ${what} (${detail}); it was kept as it is and ${offer}. Start with --restore-backup or --start-fresh.`;
}
