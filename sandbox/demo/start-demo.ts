import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runHeadless, type RunningHeadless } from '../../electron/headless/run';
import type { SyncResult } from '../../electron/core/sync/types';
import { saveCartLogin } from '../../electron/core/secrets/cart-logins';
import { openDataDirVault } from '../../electron/core/secrets/data-dir-vault';
import { generateVaultKey } from '../../electron/core/secrets/vault-key';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { DEFAULT_ACCOUNTS } from '../ecforce/accounts';
import { startEcforceSandbox, type EcforceSandbox } from '../ecforce/server';
import { startLineSandbox, type LineSandbox } from '../line/server';
import { fillCartFromCloud } from './cart-from-cloud';
import { linkShops, type CrosssellWorld } from './crosssell-world';
import { openKeptShop, type KeptShopSize } from './kept-shop';

export interface DemoOptions {
  members: number;
  orders: number;
  /** The demo folder: the replica and the sandboxes' shop, kept between runs. */
  folder: string;
  /** Throw away what the folder holds and make a new shop. */
  fresh?: boolean;
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
  folder: string;
  dataDir: string;
  /** The shop as first made; a kept shop keeps its size whatever --members says. */
  size: KeptShopSize;
  /** True when the shop was read back from the folder rather than made now. */
  reopened: boolean;
  /** A cart login for a person to look at the cart with (orders and subscriptions, nothing else). */
  cartViewer: { email: string; password: string };
  firstSync: SyncResult;
  syncMs: number;
  stop(): Promise<void>;
}

function heldByLiveProcess(lockFile: string): boolean {
  try {
    const { pid } = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid?: number };
    if (typeof pid !== 'number') return true;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // No lock (ENOENT) or its process gone (ESRCH): nobody holds it. A lock being written is held.
    return error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why the demo cannot open its folder, said to the person who started it. */
export class DemoFolderError extends Error {}

/** How often the sandboxes' shop is written to the folder while the demo runs. */
const SAVE_EVERY_MS = 3_000;

/**
 * Every sandbox with the demo shop, and the headless shell over a replica synced from it, all on
 * 127.0.0.1. The shop is made once and kept in the folder: the cloud's, the cart's and LINE's state
 * beside the replica, saved while the demo runs and when it stops, read back at the next start.
 */
export async function startDemo(options: DemoOptions): Promise<Demo> {
  const log = options.log ?? ((line: string) => console.log(line));
  const folder = path.resolve(options.folder);
  if (options.fresh) rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const dataDir = path.join(folder, 'replica');
  const kept = openKeptShop(folder);
  // A replica without its shop (a first run killed before its first save) is of a shop that is
  // gone; unless a demo starting this moment holds it, which the replica's lock then says.
  if (!kept.size && !heldByLiveProcess(path.join(dataDir, 'tanto.lock'))) rmSync(dataDir, { recursive: true, force: true });
  const size = kept.size ?? { members: options.members, orders: options.orders };
  const cartViewer = { email: 'viewer@example.jp', password: `Sb-${randomBytes(9).toString('base64url')}` };

  const cloud = await startCloudSandbox({ members: kept.size ? 0 : size.members, orders: size.orders });
  const line = await startLineSandbox();
  // The cart has no people of its own: they are the cloud's (fillCartFromCloud says why).
  const ecforce = await startEcforceSandbox({
    seed: false,
    accounts: [...DEFAULT_ACCOUNTS, { ...cartViewer, name: 'デモ閲覧用', role: '閲覧', permissions: ['受注管理', '定期受注管理'] }],
  });
  let app: RunningHeadless | undefined;
  let saver: NodeJS.Timeout | undefined;
  const save = () => kept.save({ cloud, ecforce, line }, size);
  const closeSandboxes = () => Promise.all([cloud.close(), line.close(), ecforce.close()]);
  const stop = async () => {
    clearInterval(saver);
    await app?.stop();
    save();
    await closeSandboxes();
  };
  try {
    if (kept.size) kept.restore({ cloud, ecforce, line });
    else fillCartFromCloud(cloud, ecforce);
    line.addProfiles([...cloud.store.members.values()].map((m) => ({ userId: m.lineUserId, displayName: m.displayName })));
    const world = linkShops({ cloud, ecforce, line });
    mkdirSync(dataDir, { recursive: true });
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
    // A replica ahead of the kept cloud means the shop was not saved the last time (the demo was
    // killed rather than stopped): the two no longer describe one shop.
    const cursor = app.core.sync.status().cursor;
    if (cursor > cloud.store.head()) {
      throw new DemoFolderError(
        `${folder} のデモショップは前回の終了時に保存しきれていません（強制終了されたようです）。--fresh を付けて新しいショップで起動してください。`,
      );
    }
    saver = setInterval(save, SAVE_EVERY_MS);
    saver.unref();
    save();
    const started = performance.now();
    const firstSync = await app.core.sync.now();
    return {
      cloud,
      line,
      ecforce,
      world,
      app,
      folder,
      dataDir,
      size,
      reopened: kept.size !== undefined,
      cartViewer,
      firstSync,
      syncMs: performance.now() - started,
      stop,
    };
  } catch (error) {
    // Nothing is saved from a start that failed: the folder keeps the shop as it was.
    clearInterval(saver);
    await app?.stop();
    await closeSandboxes();
    throw error;
  }
}
