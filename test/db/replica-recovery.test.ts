import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import { latestHealthyBackup } from '../../electron/core/db/replica-backups';
import { inspectReplicaFile } from '../../electron/core/db/replica-file';
import { ReplicaDamagedError } from '../../electron/core/db/replica-recovery';
import { pendingCount } from '../../electron/core/sync/outbox';
import { startCloudSandbox } from '../../sandbox/cloud/server';
import { damageReplica, GARBAGE, shopWithBackup } from '../fixtures/damaged-replica';
import { tempDir } from '../fixtures/tmp';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const clock = { now: () => new Date(Date.UTC(2026, 11, 4, 9, 30)) };
// Nothing listens here: these cores never start sync.
const cloud = { baseUrl: 'http://127.0.0.1:9', token: 'unused' };

async function shop(): Promise<{ dataDir: string; replica: string }> {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  const dataDir = path.join(tmp.dir, 'data');
  const { replica } = await shopWithBackup(dataDir, clock);
  return { dataDir, replica };
}

function refusalOf(dataDir: string): ReplicaDamagedError {
  try {
    const core = createCore({ dataDir, cloud, clock, log: () => undefined });
    cleanups.push(() => core.close());
  } catch (error) {
    if (error instanceof ReplicaDamagedError) return error;
    throw error;
  }
  throw new Error('the core started on a damaged replica');
}

function open(dataDir: string, recovery: 'restore-backup' | 'start-fresh', log: string[] = []): Core {
  const core = createCore({ dataDir, cloud, clock, log: (line) => log.push(line), replicaRecovery: recovery });
  cleanups.push(() => core.close());
  return core;
}

describe('a damaged replica', () => {
  for (const [damage, harm] of Object.entries(damageReplica)) {
    it(`${damage}: refused with its reason, the file left as it was, the latest backup offered`, async () => {
      const { dataDir, replica } = await shop();
      harm(replica);
      const before = readFileSync(replica);
      const error = refusalOf(dataDir);
      expect(error.refusal()).toEqual({ damage, backup: { takenAt: expect.any(String), unsent: 3 } });
      expect(error.message).toContain('--restore-backup');
      expect(readFileSync(replica).equals(before)).toBe(true);
      // Refused again on the next start: nothing was swapped in behind staff's back.
      expect(refusalOf(dataDir).damage).toBe(damage);
    });
  }

  it("offers the backup with the shop's time zone it holds, for the screen to show its time in", async () => {
    const { dataDir, replica } = await shop();
    const backup = latestHealthyBackup(path.join(dataDir, 'backups'));
    const copy = new Database(backup?.file ?? '');
    copy.prepare("INSERT INTO workstation_settings (key, value) VALUES ('time_zone', 'Asia/Taipei') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run();
    copy.close();
    damageReplica.truncated(replica);
    expect(refusalOf(dataDir).refusal()).toEqual({ damage: 'truncated', backup: { takenAt: expect.any(String), unsent: 3, timeZone: 'Asia/Taipei' } });
  });

  it('restore-backup brings back the unsent operations and keeps the damaged file beside it', async () => {
    const { dataDir, replica } = await shop();
    damageReplica.empty(replica);
    const log: string[] = [];
    const core = open(dataDir, 'restore-backup', log);
    expect(pendingCount(core.db)).toBe(3);
    expect(core.db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(300);
    const kept = readdirSync(dataDir).filter((name) => name.startsWith('replica.damaged-'));
    expect(kept).toEqual(['replica.damaged-20261204T093000Z.sqlite']);
    expect(statSync(path.join(dataDir, kept[0] ?? '')).size).toBe(0);
    expect(log.join('\n')).toMatch(/restored the backup .* with 3 unsent operations/);
    expect(readdirSync(dataDir).filter((name) => name.endsWith('.restoring'))).toEqual([]);
  });

  it('start-fresh opens an empty replica only when asked, and keeps the damaged file', async () => {
    const { dataDir, replica } = await shop();
    damageReplica.not_sqlite(replica);
    const core = open(dataDir, 'start-fresh');
    expect(pendingCount(core.db)).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(0);
    const kept = readdirSync(dataDir).filter((name) => name.startsWith('replica.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(dataDir, kept[0] ?? '')).equals(GARBAGE)).toBe(true);
  });

  it('a healthy replica opens as it is whatever was asked', async () => {
    const { dataDir } = await shop();
    const log: string[] = [];
    const core = open(dataDir, 'start-fresh', log);
    expect(pendingCount(core.db)).toBe(4);
    expect(log.join('\n')).toContain('start-fresh applies only to a damaged replica');
    expect(readdirSync(dataDir).filter((name) => name.startsWith('replica.damaged-'))).toEqual([]);
  });

  it('without a backup: offers none, and refuses restore-backup instead of starting empty', async () => {
    const { dataDir, replica } = await shop();
    for (const name of readdirSync(path.join(dataDir, 'backups'))) writeFileSync(path.join(dataDir, 'backups', name), 'not a backup');
    damageReplica.truncated(replica);
    expect(refusalOf(dataDir).refusal()).toEqual({ damage: 'truncated', backup: null });
    let refused: unknown;
    try {
      open(dataDir, 'restore-backup');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ReplicaDamagedError);
    expect((refused as ReplicaDamagedError).refusal()).toEqual({ damage: 'truncated', backup: null, restoreImpossible: true });
    expect(statSync(replica).size).toBeGreaterThan(0);
  });

  it('a missing replica is a new shop and starts empty without a word', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const core = createCore({ dataDir: tmp.dir, cloud, clock, log: () => undefined });
    cleanups.push(() => core.close());
    expect(pendingCount(core.db)).toBe(0);
  });
});

describe('a restore the PC stopped in the middle of', () => {
  /** What a restore leaves on disk when it stops after setting the damaged file aside (and, if asked, before its WAL followed). */
  async function interruptedAfterSetAside(options: { walLeftBehind?: boolean } = {}) {
    const { dataDir, replica } = await shop();
    damageReplica.truncated(replica);
    if (options.walLeftBehind) writeFileSync(`${replica}-wal`, GARBAGE);
    const backup = latestHealthyBackup(path.join(dataDir, 'backups'));
    if (!backup) throw new Error('no backup');
    copyFileSync(backup.file, `${replica}.restoring`);
    const aside = path.join(dataDir, 'replica.damaged-20261204T093000Z.sqlite');
    renameSync(replica, aside);
    return { dataDir, replica, aside };
  }

  it('is finished at the next start, with no choice asked again, and says so', async () => {
    const { dataDir, replica, aside } = await interruptedAfterSetAside();
    const log: string[] = [];
    const core = createCore({ dataDir, cloud, clock, log: (line) => log.push(line) });
    cleanups.push(() => core.close());
    expect(pendingCount(core.db)).toBe(3);
    expect(core.db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(300);
    expect(log.join('\n')).toContain('a restore of the backup was interrupted after the damaged replica was set aside; it was finished now');
    expect(existsSync(`${replica}.restoring`)).toBe(false);
    expect(existsSync(aside)).toBe(true);
  });

  it("moves the damaged file's WAL left behind next to it, never into the restored replica", async () => {
    const { dataDir, replica, aside } = await interruptedAfterSetAside({ walLeftBehind: true });
    const log: string[] = [];
    const core = createCore({ dataDir, cloud, clock, log: (line) => log.push(line) });
    cleanups.push(() => core.close());
    expect(pendingCount(core.db)).toBe(3);
    expect(readFileSync(`${aside}-wal`).equals(GARBAGE)).toBe(true);
    expect(log.join('\n')).toMatch(/WAL of the damaged replica .* kept beside .*replica\.damaged-20261204T093000Z\.sqlite/);
    expect(existsSync(`${replica}-wal`) && readFileSync(`${replica}-wal`).equals(GARBAGE)).toBe(false);
  });

  it('removes a copy cut short while the damaged file was still in place, and refuses the damaged replica again', async () => {
    const { dataDir, replica } = await shop();
    damageReplica.truncated(replica);
    const backup = latestHealthyBackup(path.join(dataDir, 'backups'));
    writeFileSync(`${replica}.restoring`, readFileSync(backup?.file ?? '').subarray(0, 4096));
    expect(refusalOf(dataDir).refusal()).toEqual({ damage: 'truncated', backup: { takenAt: expect.any(String), unsent: 3 } });
    expect(existsSync(`${replica}.restoring`)).toBe(false);
    // Staff's choice then restores as usual.
    expect(pendingCount(open(dataDir, 'restore-backup').db)).toBe(3);
  });

  it('refuses, rather than starting empty, when the copy it finds is not whole', async () => {
    const { dataDir, replica } = await interruptedAfterSetAside();
    writeFileSync(`${replica}.restoring`, GARBAGE);
    expect(refusalOf(dataDir).damage).toBe('not_sqlite');
    expect(pendingCount(open(dataDir, 'restore-backup').db)).toBe(3);
  });
});

describe('the first backup', () => {
  it('is taken right after the first successful sync, not only after the first night', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const sandbox = await startCloudSandbox({ members: 50 });
    cleanups.push(() => sandbox.close());
    const dataDir = path.join(tmp.dir, 'data');
    const core = createCore({ dataDir, cloud: { baseUrl: sandbox.url, token: sandbox.token }, clock, log: () => undefined });
    cleanups.push(() => core.close());
    expect(readdirSync(path.join(dataDir, 'backups'))).toEqual([]);
    await core.sync.now();
    const backup = path.join(dataDir, 'backups', 'replica-2026-12-04.sqlite');
    await expect.poll(() => existsSync(backup), { timeout: 10_000, interval: 50 }).toBe(true);
    await expect.poll(() => latestHealthyBackup(path.join(dataDir, 'backups'))?.file, { timeout: 10_000, interval: 50 }).toBe(backup);
    const copy = new Database(backup, { readonly: true });
    cleanups.push(() => void copy.close());
    expect(copy.prepare('SELECT count(*) FROM members').pluck().get()).toBe(50);
  });
});

describe('a replica with a WAL still to replay', () => {
  it('is judged by SQLite and its check, not by a size the WAL will make good', async () => {
    const { dataDir, replica } = await shop();
    const size = statSync(replica).size;
    // As after a crash between the WAL's commit and its checkpoint: a header that counts pages the file has not got yet.
    writeFileSync(`${replica}-wal`, Buffer.alloc(32));
    const fd = openSync(replica, 'r+');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(size / 4096 + 5);
    writeSync(fd, header, 0, 4, 28);
    closeSync(fd);
    expect(inspectReplicaFile(replica)).toEqual({ state: 'present' });
    rmSync(`${replica}-wal`);
    expect(inspectReplicaFile(replica)).toMatchObject({ state: 'damaged', damage: 'truncated' });
    expect(refusalOf(dataDir).damage).toBe('truncated');
  });
});
