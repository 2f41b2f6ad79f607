import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { backupDatabase } from './backup';
import type { Db } from './open';
import { listBackups } from './replica-backups';

/** Where the daily copies of the replica are kept inside the data folder. */
export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/**
 * The daily backup: at 03:30 shop time, and at start when today's copy is missing (the PC may
 * have been off at 03:30). A workstation with no backup at all also gets one right after its
 * first successful sync, so a new shop has something to restore before its first night.
 * Croner evaluates the schedule in the shop's time zone.
 */
export function scheduleDailyBackup(
  db: Db,
  dataDir: string,
  clock: Clock,
  log: (line: string) => void,
  events?: Pick<EventBus, 'on'>,
): { stop(): Promise<void> } {
  const dir = backupsDir(dataDir);
  mkdirSync(dir, { recursive: true });
  let running: Promise<void> | null = null;
  let stopped = false;
  // Asked for while a copy was being made: the copy under way may predate what was asked for (the first sync).
  let again = false;
  const copy = async (): Promise<void> => {
    do {
      again = false;
      try {
        const result = await backupDatabase(db, dir, clock);
        log(`Backed up the replica to ${result.file} (${result.pages} pages, verified).`);
      } catch (error) {
        log(`The daily backup failed: ${(error as Error).message}`);
      }
    } while (again && !stopped);
  };
  const run = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = copy().finally(() => {
      running = null;
    });
    return running;
  };
  const job = new Cron('30 3 * * *', { timezone: 'Asia/Tokyo', unref: true }, run);
  const today = path.join(dir, `replica-${clock.now().toISOString().slice(0, 10)}.sqlite`);
  const initial = existsSync(today) ? undefined : setTimeout(() => void run(), 60_000);
  initial?.unref();
  let offFirstSync: (() => void) | undefined;
  if (events && listBackups(dir).length === 0) {
    offFirstSync = events.on('sync.completed', () => {
      offFirstSync?.();
      offFirstSync = undefined;
      void run();
    });
  }
  return {
    /** Stops the schedule and waits for a copy under way: the replica must not close beneath it. */
    async stop() {
      stopped = true;
      job.stop();
      offFirstSync?.();
      if (initial) clearTimeout(initial);
      await running;
    },
  };
}
