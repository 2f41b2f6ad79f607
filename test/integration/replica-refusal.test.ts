import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damageReplica, shopWithBackup } from '../fixtures/damaged-replica';
import { spawnScript } from './spawn-app';

let root: string;
let cloudUrl: string;

/** A port nothing listens on: the shell starts, its sync fails, and the outbox stays as restored. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  root = path.join(os.tmpdir(), `tanto-replica-refusal-${process.pid}`);
  mkdirSync(root, { recursive: true });
  cloudUrl = `http://127.0.0.1:${await closedPort()}`;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function damagedShop(name: string): Promise<{ dataDir: string; replica: string }> {
  const dataDir = path.join(root, name);
  const { replica } = await shopWithBackup(dataDir, { now: () => new Date() });
  writeFileSync(path.join(dataDir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloudUrl } }));
  damageReplica.empty(replica);
  return { dataDir, replica };
}

const serve = (dataDir: string, ...flags: string[]) =>
  spawnScript('electron/headless/main.ts', ['--data', dataDir, ...flags], { TANTO_CLOUD_TOKEN: 'offline-token' });

describe('npm run serve on a damaged replica', () => {
  it('stops with exit code 2 and says in words what happened and what to do, with no stack trace', async () => {
    const { dataDir, replica } = await damagedShop('refused');
    const app = serve(dataDir);
    expect((await app.exited).code).toBe(2);
    const output = app.output();
    expect(output).toContain(`この PC のデータベース（${replica}）が空（0 バイト）になっています。`);
    expect(output).toContain('壊れたファイルは消さずにそのまま残してあります。');
    expect(output).toMatch(/最新のバックアップ: \d{4}\/\d{2}\/\d{2} \d{2}:\d{2}（日本時間）。クラウドにまだ送っていない操作を 3 件含みます。/);
    expect(output).toContain('--restore-backup');
    expect(output).toContain('--start-fresh');
    expect(output).toContain("This PC's database");
    expect(output).toContain('holding 3 operations not yet sent to the cloud');
    expect(output).not.toMatch(/\n\s+at |DatabaseError|ReplicaDamagedError/);
    expect(statSync(replica).size).toBe(0);
    expect(readdirSync(dataDir).filter((n) => n.includes('damaged'))).toEqual([]);
  });

  it('refuses both choices at once', async () => {
    const { dataDir, replica } = await damagedShop('both');
    const app = serve(dataDir, '--restore-backup', '--start-fresh');
    expect((await app.exited).code).toBe(2);
    expect(app.output()).toContain('どちらか一方だけ');
    expect(statSync(replica).size).toBe(0);
  });

  it('--restore-backup starts on the latest backup with its unsent operations, the damaged file kept', async () => {
    const { dataDir, replica } = await damagedShop('restored');
    const app = serve(dataDir, '--restore-backup');
    try {
      await app.waitFor(/ready: http:\/\/127\.0\.0\.1:\d+\//);
      // The first sync's failure comes after the shell has set up its stop on SIGTERM.
      await app.waitFor(/sync: /);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect((await app.exited).code).toBe(0);
    expect(app.output()).toMatch(/restored the backup of .* with 3 unsent operations/);
    const kept = readdirSync(dataDir).filter((n) => /^replica\.damaged-.*\.sqlite$/.test(n));
    expect(kept).toHaveLength(1);
    expect(statSync(path.join(dataDir, kept[0] ?? '')).size).toBe(0);
    const db = new Database(replica, { readonly: true });
    try {
      expect(db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  });
});
