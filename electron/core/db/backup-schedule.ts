import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import type { Clock } from '../clock';
import { backupDatabase } from './backup';
import type { Db } from './open';

/**
 * The daily backup: at 03:30 shop time, and at start when today's copy is missing (the PC may
 * have been off at 03:30). Croner evaluates the schedule in the shop's time zone.
 */
export function scheduleDailyBackup(db: Db, dataDir: string, clock: Clock, log: (line: string) => void): { stop(): void } {
  const dir = path.join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await backupDatabase(db, dir, clock);
      log(`Backed up the replica to ${result.file} (${result.pages} pages, verified).`);
    } catch (error) {
      log(`The daily backup failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const job = new Cron('30 3 * * *', { timezone: 'Asia/Tokyo', unref: true }, run);
  const today = path.join(dir, `replica-${clock.now().toISOString().slice(0, 10)}.sqlite`);
  const initial = existsSync(today) ? undefined : setTimeout(() => void run(), 60_000);
  initial?.unref();
  return {
    stop() {
      job.stop();
      if (initial) clearTimeout(initial);
    },
  };
}
