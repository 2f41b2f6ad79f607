import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVaultKey } from '../../electron/core/secrets/vault-key';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { callApi, spawnScript, type SpawnedApp } from './spawn-app';

let cloud: CloudSandbox;
let line: LineSandbox;
let ecforce: EcforceSandbox;
let work: string;

beforeAll(async () => {
  [cloud, line, ecforce] = await Promise.all([startCloudSandbox({ members: 120 }), startLineSandbox(), startEcforceSandbox()]);
  work = mkdtempSync(path.join(os.tmpdir(), 'tanto-first-run-'));
});
afterAll(async () => {
  await Promise.all([cloud.close(), line.close(), ecforce.close()]);
  rmSync(work, { recursive: true, force: true });
});

function account(email: string) {
  const found = ecforce.accounts.find((a) => a.email === email);
  if (!found) throw new Error(`no sandbox account ${email}`);
  return found;
}

/** A port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Every file under the folder, as bytes. */
function filesUnder(dir: string): Array<{ file: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({ file, bytes: readFileSync(file) }));
}

describe('a shop set up from the app, on the headless shell started with no shop', () => {
  let app: SpawnedApp;
  let url: string;
  const apiToken = 's'.repeat(43);
  // The answers are checked field by field below; a loose type keeps the walk readable.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Loose = any;
  const call = async (name: string, args: unknown = {}) => (await callApi(url, apiToken, name, args)).body as { result?: Loose; error?: Loose };

  it('walks the first-run flow over HTTP: tests and saves the cloud, LINE and cart logins, and ends with sync running and the robot startable', async () => {
    const dataDir = path.join(work, 'data');
    const keyFile = path.join(work, 'vault.key');
    writeFileSync(keyFile, generateVaultKey(), { mode: 0o600 });
    const tokenFile = path.join(work, 'api-token');
    writeFileSync(tokenFile, `${apiToken}\n`);
    app = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--vault-key-file', keyFile, '--token-file', tokenFile, '--line-url', line.url], {
      TANTO_CLOUD_TOKEN: '',
      TANTO_LINE_TOKEN: '',
    });
    try {
      [, url] = (await app.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//)) as unknown as [string, string];

      // A new shop: nothing to sync with, the robot says why it cannot run, setup is under way.
      const first = (await call('settings.get')).result;
      expect(first.setup).toEqual({ complete: false, inProgress: true, required: ['cloudUrl', 'cloudToken'], missing: ['cloudUrl', 'cloudToken', 'lineToken', 'cartLogin', 'workstationName'] });
      expect(first.cloud).toEqual({ baseUrl: null, baseUrlLock: null, token: { state: 'missing', lock: null } });
      expect(first.secretStore).toBe('ok');
      expect((await call('sync.status')).result).toMatchObject({ notSetUp: true, health: 'never_synced', failure: null });
      expect((await call('robot.status')).result).toMatchObject({ available: false, unavailableReasonData: { key: 'robotCloudNotSetUp' } });
      expect((await call('settings.finishSetup')).error).toMatchObject({ kind: 'conflict', details: { code: 'setupIncomplete' } });

      // The cloud: a wrong token refused, a dead address unreachable, the right pair accepted.
      expect((await call('settings.testCloud', { baseUrl: cloud.url, token: 'not-the-token' })).result).toMatchObject({ outcome: 'tokenRefused', reason: { code: 'cloudTokenRefused' } });
      expect((await call('settings.testCloud', { baseUrl: `http://127.0.0.1:${await closedPort()}`, token: cloud.token })).result).toMatchObject({ outcome: 'unreachable' });
      expect((await call('settings.testCloud', { baseUrl: 'クラウド', token: cloud.token })).error).toMatchObject({
        kind: 'invalid_argument',
        details: [{ path: 'baseUrl', params: { code: 'cloudUrlInvalid' } }],
      });
      expect((await call('settings.testCloud', { baseUrl: cloud.url, token: cloud.token })).result).toEqual({ outcome: 'ok', reason: null });
      expect((await call('secrets.set', { secret: 'cloudToken', value: cloud.token })).error).toBeUndefined();
      const saved = (await call('settings.save', { cloudUrl: `${cloud.url}/` })).result;
      expect(saved.applies).toBe('restart');
      expect(saved.settings.cloud).toMatchObject({ baseUrl: cloud.url, token: { state: 'present' } });

      // The restarted core behind the same server and token syncs the shop.
      await expect.poll(() => app.output()).toMatch(/設定を反映しました/);
      await expect.poll(async () => (await call('sync.status')).result?.lastPullAt ?? null, { timeout: 30_000 }).not.toBeNull();
      await expect.poll(async () => (await call('sync.now')).result?.cursor, { timeout: 30_000 }).toBe(cloud.store.head());
      expect((await call('sync.status')).result.notSetUp).toBeUndefined();
      expect((await call('members.search', { pageSize: 1 })).result.total).toBe(cloud.store.members.size);

      // LINE: entered into the vault; until a cart login exists, the robot has nothing to sign in with but can run.
      expect((await call('secrets.set', { secret: 'lineToken', value: line.channelToken })).error).toBeUndefined();

      // The connection test: a login lacking 定期受注管理 is named as such; a wrong password is refused; the robot's login passes.
      const noSubs = account('no-subs@example.jp');
      const lacking = (await call('settings.testCartLogin', { baseUrl: ecforce.url, email: noSubs.email, password: noSubs.password })).result;
      expect(lacking).toEqual({
        outcome: 'missingRights',
        rights: [
          { right: '受注管理', granted: true },
          { right: '受注作成', granted: true },
          { right: '定期受注管理', granted: false },
        ],
        missing: ['定期受注管理'],
        reason: { code: 'cartRightsMissing', params: { site: new URL(ecforce.url).host, rights: '定期受注管理' } },
      });
      const robotLogin = account('robot@example.jp');
      expect((await call('settings.testCartLogin', { baseUrl: ecforce.url, email: robotLogin.email, password: `${robotLogin.password}x` })).result).toMatchObject({ outcome: 'loginRefused' });
      const passing = (await call('settings.testCartLogin', { baseUrl: ecforce.url, email: robotLogin.email, password: robotLogin.password })).result;
      expect(passing).toMatchObject({ outcome: 'ok', missing: [], reason: null });
      expect(passing.rights.map((r: { granted: boolean }) => r.granted)).toEqual([true, true, true]);
      expect((await call('secrets.set', { secret: 'cartLogin', ref: 'ecforce-main', cart: 'ecforce', baseUrl: ecforce.url, email: robotLogin.email, password: robotLogin.password })).error).toBeUndefined();
      expect((await call('settings.testCartLogin', { ref: 'ecforce-main' })).result).toMatchObject({ outcome: 'ok' });

      // The workstation's own settings; an out-of-range concurrency is refused by field with its code.
      expect((await call('settings.save', { robotConcurrency: 12 })).error).toMatchObject({ details: [{ path: 'robotConcurrency', params: { code: 'concurrencyRange', min: 1, max: 8 } }] });
      expect((await call('settings.save', { workstationName: 'レジ横のPC', robotConcurrency: 1 })).result).toMatchObject({
        applies: 'restart',
        settings: { workstation: { name: 'レジ横のPC', isDefault: false }, robot: { concurrency: 1 } },
      });
      expect((await call('night.set', { enabled: true, start: '23:00', end: '06:00' })).result).toMatchObject({ window: { enabled: true, start: '23:00', end: '06:00' } });

      const done = (await call('settings.finishSetup')).result;
      expect(done.setup).toEqual({ complete: true, inProgress: false, required: [], missing: [] });
      expect(done.cartLogins).toEqual([{ ref: 'ecforce-main', cart: 'ecforce', baseUrl: ecforce.url, email: robotLogin.email, site: new URL(ecforce.url).host, state: 'present' }]);

      // The robot starts with the settings saved on screen.
      expect((await call('robot.start')).error).toBeUndefined();
      expect((await call('robot.status')).result).toMatchObject({ available: true, running: true });
      expect(JSON.parse(readFileSync(path.join(dataDir, 'tanto.json'), 'utf8'))).toEqual({ cloud: { baseUrl: cloud.url }, robot: { concurrency: 1 } });

      // No password, and no token, in the shell's output or in any file of the data folder.
      const secrets = [noSubs.password, robotLogin.password, cloud.token, line.channelToken];
      for (const secret of secrets) expect(app.output()).not.toContain(secret);
      for (const { file, bytes } of filesUnder(dataDir)) {
        for (const secret of secrets) expect(bytes.includes(Buffer.from(secret, 'utf8')), `${secret.slice(0, 3)}… in ${file}`).toBe(false);
      }
    } finally {
      app.child.kill('SIGTERM');
    }
    expect((await app.exited).code).toBe(0);

    // The next start reads it all from the folder: no flags but the vault key, and the shop is there.
    const again = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--vault-key-file', keyFile, '--token-file', tokenFile, '--line-url', line.url], {
      TANTO_CLOUD_TOKEN: '',
      TANTO_LINE_TOKEN: '',
    });
    try {
      [, url] = (await again.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//)) as unknown as [string, string];
      expect((await call('settings.get')).result.setup.complete).toBe(true);
      expect((await call('sync.now')).result.cursor).toBe(cloud.store.head());
      expect((await call('robot.status')).result).toMatchObject({ available: true });
    } finally {
      again.child.kill('SIGTERM');
    }
    expect((await again.exited).code).toBe(0);
  });
});
