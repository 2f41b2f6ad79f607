import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDirInUseError, type DataDirHolder } from './data-dir-in-use';

/** The data folder's lock, beside replica.sqlite: whoever created it is the folder's one writer. */
export const LOCK_FILE = 'tanto.lock';

/** A lock file still empty after this long was left by a process that died while creating it. */
const UNWRITTEN_LOCK_MS = 10_000;
/** The takeover guard is held for a few system calls; one this old belongs to a process that died. */
const ABANDONED_GUARD_MS = 30_000;
const ATTEMPTS = 5;

export interface DataDirLock {
  readonly file: string;
  readonly holder: DataDirHolder;
  /** Removes the lock file if it is still this process's; safe to call more than once. */
  release(): void;
}

/** Lock file contents this process wrote and still holds, so an exit removes them. */
const held = new Map<string, string>();
let exitHookInstalled = false;

/**
 * Takes the data folder for this process, or throws DataDirInUseError naming the process
 * that has it. A lock whose process is gone (same host, pid not running) is taken over.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: DataDirHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  const content = `${JSON.stringify(holder)}\n`;
  let seen: string | null = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    if (createExclusive(file, content)) {
      hold(file, content);
      return { file, holder, release: () => release(file, content) };
    }
    seen = readText(file);
    if (seen === null) continue;
    if (!isStale(file, seen)) break;
    removeStale(file, seen);
  }
  throw new DataDirInUseError(dataDir, file, seen === null ? null : parseHolder(seen));
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseHolder(text: string): DataDirHolder | null {
  try {
    const value = JSON.parse(text) as Partial<DataDirHolder>;
    if (Number.isInteger(value.pid) && typeof value.host === 'string' && typeof value.startedAt === 'string') return value as DataDirHolder;
  } catch {
    // Half-written or not ours: judged by its age below.
  }
  return null;
}

function isStale(file: string, text: string): boolean {
  const holder = parseHolder(text);
  if (!holder) return ageMs(file) > UNWRITTEN_LOCK_MS;
  // A lock from another computer (a folder on a shared drive) cannot be checked from here.
  if (holder.host !== os.hostname()) return false;
  // Our own pid on a lock we did not write: an earlier run that had the same pid, as after a container restart.
  if (holder.pid === process.pid) return ![...held.values()].includes(text);
  return !isRunning(holder.pid);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * Removes a stale lock only if it is still the one judged stale. Two processes taking over at
 * once serialize on a guard file, so neither can delete the fresh lock the other just made.
 */
function removeStale(file: string, staleText: string): void {
  const guard = `${file}.takeover`;
  if (!createExclusive(guard, `${process.pid}\n`)) {
    if (ageMs(guard) > ABANDONED_GUARD_MS) rmSync(guard, { force: true });
    return;
  }
  try {
    if (readText(file) === staleText) rmSync(file, { force: true });
  } finally {
    rmSync(guard, { force: true });
  }
}

function hold(file: string, content: string): void {
  held.set(file, content);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [heldFile, heldContent] of [...held]) release(heldFile, heldContent);
  });
}

function release(file: string, content: string): void {
  if (held.get(file) !== content) return;
  held.delete(file);
  try {
    if (readText(file) === content) rmSync(file, { force: true });
  } catch {
    // The folder itself is gone or unreadable: there is no lock left to remove.
  }
}
