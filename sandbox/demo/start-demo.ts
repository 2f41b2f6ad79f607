import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHeadless, type RunningHeadless } from '../../electron/headless/run';
import type { SyncResult } from '../../electron/core/sync/types';
import { saveCartLogin } from '../../electron/core/secrets/cart-logins';
import { openDataDirVault } from '../../electron/core/secrets/data-dir-vault';
import { generateVaultKey } from '../../electron/core/secrets/vault-key';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { startEcforceSandbox, type EcforceSandbox } from '../ecforce/server';
import { startLineSandbox, type LineSandbox } from '../line/server';
import { mirrorBacklogIntoCart } from './cart-backlog';
import { linkShops, type CrosssellWorld } from './crosssell-world';

export interface DemoOptions {
  members: number;
  orders: number;
  /** A folder to keep the replica in; a temporary one, removed at stop, otherwise. */
  dataDir?: string;
  port?: number;
  /** Start the cross-sell robot with the shell. */
  robot?: boolean;
  log?: (line: string) => void;
}

export interface Demo {
  cloud: CloudSandbox;
  line: LineSandbox;
  ecforce: EcforceSandbox;
  /** The cart's customers linked to cloud members and LINE friends, and a way to make them tap. */
  world: CrosssellWorld;
  app: RunningHeadless;
  dataDir: string;
  firstSync: SyncResult;
  syncMs: number;
  stop(): Promise<void>;
}

/**
 * Every sandbox with a seeded demo shop, and the headless shell over a replica synced from it,
 * all on 127.0.0.1.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const log = options.log ?? ((line: string) => console.log(line));
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'tanto-demo-'));
  const cloud = await startCloudSandbox({ members: options.members, orders: options.orders });
  const line = await startLineSandbox();
  const ecforce = await startEcforceSandbox();
  line.addProfiles(
    [...cloud.store.members.values()].map((m) => ({ userId: m.lineUserId, displayName: m.displayName })),
  );
  mirrorBacklogIntoCart(cloud, ecforce);
  const world = linkShops({ cloud, ecforce, line });
  let app: RunningHeadless | undefined;
  const stop = async () => {
    await app?.stop();
    await Promise.all([cloud.close(), line.close(), ecforce.close()]);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    // The demo is its own operator: a vault key kept beside the replica, the cart login in the vault.
    const vaultKeyFile = path.join(dataDir, 'demo-vault.key');
    if (!existsSync(vaultKeyFile)) writeFileSync(vaultKeyFile, generateVaultKey(), { mode: 0o600 });
    await saveCartLogin(openDataDirVault(dataDir, { keyFile: vaultKeyFile }), world.login);
    app = await runHeadless({
      dataDir,
      cloud: { baseUrl: cloud.url, token: cloud.token },
      log,
      announceUrl: false,
      vaultKeyFile,
      lineBaseUrl: line.url,
      env: { ...process.env, TANTO_LINE_TOKEN: line.channelToken },
      startRobot: options.robot ?? false,
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    const started = performance.now();
    const firstSync = await app.core.sync.now();
    return { cloud, line, ecforce, world, app, dataDir, firstSync, syncMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
