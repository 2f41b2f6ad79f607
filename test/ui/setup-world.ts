import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchRobotBrowser } from '../../automation/browser';
import { generateVaultKey } from '../../electron/core/secrets/vault-key';
import { runHeadless, type RunningHeadless } from '../../electron/headless/run';
import { tempDir } from '../fixtures/tmp';
import { startSandboxes, type Sandboxes } from '../robot/world';
import { buildRenderer } from './ui-world';

export interface SetupWorld {
  sandboxes: Sandboxes;
  /** The headless shell as `npm run serve -- --data DIR --vault-key-file FILE` starts it: no shop yet. */
  app: RunningHeadless;
  browser: Browser;
  dataDir: string;
  /** Every line the shell and its cores logged, to look for secrets in. */
  logs: string[];
  /** The LOC requests the cloud holds before the shop is set up: the dashboard must show them once it is. */
  requestIds: number[];
  close(): Promise<void>;
}

/**
 * A shop on its first day: the cloud, LINE and ecforce sandboxes describing it (with customers
 * who have already tapped a cross-sell), and a headless shell over an empty data folder with a
 * vault key and the LINE sandbox's address, but no cloud, no tokens and no cart login: everything
 * else is entered on the screen.
 */
export async function startSetupWorld(options: { taps: number }): Promise<SetupWorld> {
  const work = tempDir('tanto-ui-setup-');
  const rendererDir = path.join(work.dir, 'renderer');
  await buildRenderer(rendererDir);

  const sandboxes = await startSandboxes({ customers: options.taps + 2 });
  const requestIds: number[] = [];
  for (const customer of sandboxes.world.customers.slice(0, options.taps)) {
    requestIds.push(await sandboxes.world.tap(customer.memberId, sandboxes.world.configIds.single));
  }

  const dataDir = path.join(work.dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const vaultKeyFile = path.join(work.dir, 'vault.key');
  writeFileSync(vaultKeyFile, generateVaultKey(), { mode: 0o600 });
  const logs: string[] = [];
  const app = await runHeadless({ dataDir, vaultKeyFile, lineBaseUrl: sandboxes.line.url, rendererDir, announceUrl: false, env: {}, log: (line) => logs.push(line) });
  const browser = await launchRobotBrowser();
  return {
    sandboxes,
    app,
    browser,
    dataDir,
    logs,
    requestIds,
    async close() {
      await browser.close();
      await app.stop();
      await sandboxes.close();
      work.remove();
    },
  };
}
