import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { createCore, REPLICA_FILE } from '../app';
import { DataDirInUseError } from './data-dir-in-use';
import { LOCK_FILE, lockDataDir } from './data-dir-lock';

const folders: Array<{ dir: string; remove(): void }> = [];
const folder = () => {
  const made = tempDir('tanto-lock-');
  folders.push(made);
  return made.dir;
};
afterEach(() => {
  for (const made of folders.splice(0)) made.remove();
});

/** The pid of a process that has run and exited, so no process has it now. */
function deadPid(): number {
  const exited = spawnSync(process.execPath, ['-e', '']);
  return exited.pid!;
}

const lockOf = (dir: string) => JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { pid: number; host: string; startedAt: string };
const writeLock = (dir: string, holder: { pid: number; host: string; startedAt: string }) => writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(holder));

describe('the data folder lock', () => {
  it('records this process and is gone once released', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    expect(lockOf(dir)).toEqual({ pid: process.pid, host: os.hostname(), startedAt: lock.holder.startedAt });
    expect(Date.parse(lock.holder.startedAt)).toBeGreaterThan(Date.now() - 60_000);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lock.release();
    lockDataDir(dir).release();
  });

  it('refuses a second holder in this process, naming the first in Japanese', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    try {
      expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`別の Tanto（PID ${process.pid}、${os.hostname()}、\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d から）が使用中です`));
    } finally {
      lock.release();
    }
  });

  it('refuses a folder held by another running process on this host', () => {
    const dir = folder();
    writeLock(dir, { pid: process.ppid, host: os.hostname(), startedAt: '2026-12-03T09:00:00.000Z' });
    expect(() => lockDataDir(dir)).toThrow(`別の Tanto（PID ${process.ppid}、${os.hostname()}、2026-12-03 18:00 から）が使用中です`);
    expect(lockOf(dir).pid).toBe(process.ppid);
  });

  it('takes over a lock whose process is gone', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), host: os.hostname(), startedAt: '2026-12-03T09:00:00.000Z' });
    const lock = lockDataDir(dir);
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, startedAt: lock.holder.startedAt });
    lock.release();
  });

  it('takes over a lock carrying its own pid that it did not write, as after a container restart', () => {
    const dir = folder();
    writeLock(dir, { pid: process.pid, host: os.hostname(), startedAt: '2026-12-03T09:00:00.000Z' });
    const lock = lockDataDir(dir);
    expect(lockOf(dir).startedAt).toBe(lock.holder.startedAt);
    lock.release();
  });

  it('leaves a lock from another computer alone and says how to clear it', () => {
    const dir = folder();
    writeLock(dir, { pid: deadPid(), host: 'reji-pc-2', startedAt: '2026-12-03T09:00:00.000Z' });
    expect(() => lockDataDir(dir)).toThrow(/reji-pc-2 は別のコンピューターです.*tanto\.lock を削除してください/);
  });

  it('does not remove a lock that another process took after this one released its own', () => {
    const dir = folder();
    const lock = lockDataDir(dir);
    const other = { pid: process.ppid, host: os.hostname(), startedAt: '2026-12-03T09:00:00.000Z' };
    writeLock(dir, other);
    lock.release();
    expect(lockOf(dir)).toEqual(other);
  });

  it('is removed when the process exits', () => {
    const dir = folder();
    const script = `import { lockDataDir } from ${JSON.stringify(path.resolve(import.meta.dirname, 'data-dir-lock.ts'))}; lockDataDir(${JSON.stringify(dir)}); console.log('held');`;
    const child = spawnSync(path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx'), ['--eval', script], { encoding: 'utf8' });
    expect(child.stdout).toContain('held');
    expect(child.status).toBe(0);
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });
});

describe('opening the core', () => {
  const cloud = { baseUrl: 'http://127.0.0.1:9', token: 'unused' };

  it('refuses a second core on the same folder with the named error, and opens again after close', async () => {
    const dataDir = folder();
    const first = createCore({ dataDir, cloud, log: () => undefined });
    try {
      expect(() => createCore({ dataDir, cloud, log: () => undefined })).toThrow(DataDirInUseError);
      expect(() => createCore({ dataDir, cloud, log: () => undefined })).toThrow(`PID ${process.pid}`);
    } finally {
      await first.close();
    }
    const again = createCore({ dataDir, cloud, log: () => undefined });
    await again.close();
  });

  it('leaves the replica untouched when the folder is taken', () => {
    const dataDir = folder();
    writeLock(dataDir, { pid: process.ppid, host: os.hostname(), startedAt: new Date().toISOString() });
    expect(() => createCore({ dataDir, cloud, log: () => undefined })).toThrow(DataDirInUseError);
    expect(existsSync(path.join(dataDir, REPLICA_FILE))).toBe(false);
  });
});
