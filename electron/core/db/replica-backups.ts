import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The daily copies' names (backup.ts); newest first by name is newest first by day. */
export const BACKUP_NAME = /^replica-(\d{4}-\d{2}-\d{2})\.sqlite$/;

/** A backup staff can be offered: when it was taken and how many operations it holds that the cloud has not had. */
export interface BackupOffer {
  file: string;
  takenAt: string;
  unsent: number;
  /**
   * The shop's time zone as the backup holds it, for the screen that offers it: the damaged
   * replica cannot say it. Absent when the backup has no such setting (the shop kept Japan's default).
   */
  timeZone?: string;
}

export function listBackups(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => path.join(dir, name));
}

/**
 * The newest backup that passes its own check. A backup that fails is passed over, never offered:
 * restoring it would trade one damaged replica for another.
 */
export function latestHealthyBackup(dir: string): BackupOffer | null {
  for (const file of listBackups(dir)) {
    const offer = readOffer(file);
    if (offer) return offer;
  }
  return null;
}

function readOffer(file: string): BackupOffer | null {
  let copy: Database.Database | undefined;
  try {
    copy = new Database(file, { readonly: true, fileMustExist: true });
    if (copy.pragma('quick_check', { simple: true }) !== 'ok') return null;
    const hasOutbox = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'outbox'").get() !== undefined;
    const unsent = hasOutbox ? (copy.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get() as number) : 0;
    const hasSettings = copy.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'workstation_settings'").get() !== undefined;
    const timeZone = hasSettings ? (copy.prepare("SELECT value FROM workstation_settings WHERE key = 'time_zone'").pluck().get() as string | undefined) : undefined;
    return { file, takenAt: statSync(file).mtime.toISOString(), unsent, ...(timeZone ? { timeZone } : {}) };
  } catch {
    return null;
  } finally {
    copy?.close();
  }
}
