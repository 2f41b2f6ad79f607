import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCartLogin } from '../../electron/core/secrets/cart-logins';
import { openDataDirVault } from '../../electron/core/secrets/data-dir-vault';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { linkShops, type CrosssellWorld } from '../../sandbox/demo/crosssell-world';
import { startEcforceSandbox, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { chromiumUnder, environOf } from './process-tree';
import { callApi, spawnScript } from './spawn-app';

/**
 * The headless shell is started the way an operator starts it, with the vault key and both
 * tokens in its environment. Once it runs, neither a child it starts nor the robot's Chromium
 * may carry them.
 */
let cloud: CloudSandbox;
let ecforce: EcforceSandbox;
let line: LineSandbox;
let world: CrosssellWorld;
let dataDir: string;
const vaultKey = 'c7'.repeat(32);
const apiToken = 'e'.repeat(43);

beforeAll(async () => {
  [cloud, ecforce, line] = await Promise.all([startCloudSandbox({ members: 0 }), startEcforceSandbox(), startLineSandbox()]);
  world = linkShops({ cloud, ecforce, line }, { customers: 2 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-secrets-env-'));
  writeFileSync(path.join(dataDir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url }, line: { baseUrl: line.url } }));
  writeFileSync(path.join(dataDir, 'api-token'), `${apiToken}\n`);
  await saveCartLogin(openDataDirVault(dataDir, { env: { TANTO_VAULT_KEY: vaultKey } }), world.login);
});
afterAll(async () => {
  await Promise.all([cloud?.close(), ecforce?.close(), line?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('secrets in the headless shell’s environment', () => {
  it('are gone from it once started: a child it starts and the robot’s Chromium carry none of them', { timeout: 120_000 }, async () => {
    const secrets = { TANTO_VAULT_KEY: vaultKey, TANTO_CLOUD_TOKEN: cloud.token, TANTO_LINE_TOKEN: line.channelToken };
    const app = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--token-file', path.join(dataDir, 'api-token'), '--robot'], {
      ...secrets,
      NODE_OPTIONS: `--import=${path.join(import.meta.dirname, 'env-probe.mjs')}`,
    });
    const [, url] = await app.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//);
    const shell = { pid: app.child.pid! };
    try {
      expect([...(environOf(shell.pid) ?? [])].filter(([name]) => name in secrets).length, 'the shell was started with them').toBe(3);

      process.kill(shell.pid, 'SIGUSR2');
      const [, printed] = await app.waitFor(/env-probe: (\{.*\})\n/);
      const inherited = JSON.parse(printed!) as Record<string, string>;
      expect(inherited.PATH).toBeTruthy();
      for (const [name, value] of Object.entries(secrets)) {
        expect(inherited[name], name).toBeUndefined();
        expect(Object.values(inherited).some((v) => v.includes(value)), name).toBe(false);
      }

      // A customer taps a cross-sell; the robot opens its browser to carry it out.
      await world.tap(world.customers[0]!.memberId, world.configIds.single);
      await callApi(url!, apiToken, 'sync.now', {});
      await expect.poll(() => chromiumUnder(shell.pid).length, { timeout: 60_000 }).toBeGreaterThan(1);
      for (const browser of chromiumUnder(shell.pid)) {
        const text = [...(environOf(browser.pid) ?? [])].map(([name, value]) => `${name}=${value}`).join('\n');
        for (const [name, value] of Object.entries(secrets)) {
          expect(text.includes(name), `${name} in ${browser.cmdline}`).toBe(false);
          expect(text.includes(value), `${name} in ${browser.cmdline}`).toBe(false);
        }
      }
      expect(app.output()).not.toContain(cloud.token);
    } finally {
      process.kill(shell.pid, 'SIGTERM');
    }
    expect((await app.exited).code, app.output()).toBe(0);
  });
});
