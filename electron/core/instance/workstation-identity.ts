import { createHash } from 'node:crypto';
import { fsyncSync, openSync, closeSync, readFileSync, realpathSync, renameSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { machineId as currentMachineId } from './machine-id';

/** The install's identity, beside replica.sqlite and outside it, so restoring a replica keeps it. */
export const IDENTITY_FILE = 'workstation.json';

interface IdentityRecord {
  id: string;
  /** A hash of the machine id: the raw id is the machine's, not ours to copy into folders that travel. */
  machine: string;
  /** The data folder's absolute, resolved path when the identity was made. */
  dataDir: string;
  /** For people reading the file; the machine hash decides. */
  host: string;
  createdAt: string;
}

export interface WorkstationOptions {
  /** The computer's id; machine-id.ts finds it when not given. */
  machineId?: string;
  log?: (line: string) => void;
}

/**
 * This workstation's name on cloud leases: the host name for people reading the cloud's
 * records, plus an id that stays the same across restarts (the cloud hands a restarted robot
 * its own leases back). The id belongs to the install, not to the files: a data folder copied
 * to another path, or restored on another computer, makes a new one, so the copy is a new
 * holder and never a twin holding the original's leases.
 */
export function workstationHolder(dataDir: string, options: WorkstationOptions = {}): string {
  return `${os.hostname()}#${workstationId(dataDir, options).slice(0, 8)}`;
}

function workstationId(dataDir: string, options: WorkstationOptions): string {
  const file = path.join(dataDir, IDENTITY_FILE);
  const here = { machine: hashMachineId(options.machineId ?? currentMachineId()), dataDir: realpathSync.native(dataDir) };
  const recorded = readRecord(file);
  if (recorded && recorded.machine === here.machine && samePath(recorded.dataDir, here.dataDir)) return recorded.id;
  const record: IdentityRecord = { id: uuidv4().replaceAll('-', ''), ...here, host: os.hostname(), createdAt: new Date().toISOString() };
  writeAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
  options.log?.(`workstation: ${whyNew(recorded, here)}: ${record.id.slice(0, 8)}`);
  return record.id;
}

function whyNew(recorded: IdentityRecord | null, here: Pick<IdentityRecord, 'machine' | 'dataDir'>): string {
  if (!recorded) return 'このデータフォルダの端末 ID を作りました (a new workstation identity)';
  const previous = recorded.machine !== here.machine ? 'another computer' : `the data folder ${recorded.dataDir}`;
  return `このデータフォルダはコピーか別の PC への復元なので、新しい端末 ID で動きます (a new workstation identity: the previous one was made for ${previous})`;
}

function hashMachineId(id: string): string {
  return createHash('sha256').update(`tanto-workstation:${id}`).digest('hex');
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

function readRecord(file: string): IdentityRecord | null {
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<IdentityRecord>;
    return typeof value.id === 'string' && /^[0-9a-f]{8}/.test(value.id) && typeof value.machine === 'string' && typeof value.dataDir === 'string'
      ? (value as IdentityRecord)
      : null;
  } catch {
    return null;
  }
}

/** Written whole or not at all: a torn identity file would otherwise make a new holder on every start. */
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}
