import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../electron/core/instance/data-dir-lock';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { callApi, spawnScript, type SpawnedApp } from './spawn-app';

let cloud: CloudSandbox;
let dataDir: string;
const token = 'w'.repeat(43);
const running: SpawnedApp[] = [];

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 30 });
});
afterAll(async () => {
  await cloud.close();
});
afterEach(() => {
  for (const app of running.splice(0)) if (app.child.exitCode === null) app.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function serve(): SpawnedApp {
  const tokenFile = path.join(dataDir, 'api-token');
  writeFileSync(tokenFile, `${token}\n`);
  const app = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--token-file', tokenFile], { TANTO_CLOUD_TOKEN: cloud.token });
  running.push(app);
  return app;
}

function freshFolder(): void {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-one-writer-'));
  writeFileSync(path.join(dataDir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
}

describe('one headless shell per data folder', () => {
  it('refuses a second shell on the same folder, naming the first, while the first keeps serving', async () => {
    freshFolder();
    const first = serve();
    const [, url] = await first.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//);
    const pid = first.child.pid!;

    const second = serve();
    const exit = await second.exited;
    expect(exit.code, second.output()).toBe(2);
    expect(second.output()).toMatch(new RegExp(`このデータフォルダ（.*）は別の Tanto（PID ${pid}、${os.hostname()}、\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d から）が使用中です`));
    expect(second.output()).not.toMatch(/ready:/);

    expect((await callApi(url!, token, 'sync.now', {})).body).toMatchObject({ result: { cursor: cloud.store.head() } });
    expect((await callApi(url!, token, 'members.search', { pageSize: 1 })).body).toMatchObject({ result: { total: cloud.store.members.size } });

    process.kill(pid, 'SIGTERM');
    expect((await first.exited).code).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that is gone', async () => {
    freshFolder();
    const gone = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: gone, host: os.hostname(), startedAt: '2026-12-03T09:00:00.000Z' }));
    const app = serve();
    const [, url] = await app.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//);
    const lock = JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; startedAt: string };
    const pid = app.child.pid!;
    expect(lock.pid).toBe(pid);
    expect(lock.startedAt).not.toBe('2026-12-03T09:00:00.000Z');
    expect((await callApi(url!, token, 'members.search', { pageSize: 1 })).status).toBe(200);
    process.kill(pid, 'SIGTERM');
    expect((await app.exited).code).toBe(0);
  });
});
