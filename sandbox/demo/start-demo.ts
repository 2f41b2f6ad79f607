import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runHeadless, type RunningHeadless } from '../../electron/headless/run';
import type { SyncResult } from '../../electron/core/sync/types';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { startLineSandbox, type LineSandbox } from '../line/server';

export interface DemoOptions {
  members: number;
  orders: number;
  /** A folder to keep the replica in; a temporary one, removed at stop, otherwise. */
  dataDir?: string;
  port?: number;
  log?: (line: string) => void;
}

export interface Demo {
  cloud: CloudSandbox;
  line: LineSandbox;
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
  line.addProfiles(
    [...cloud.store.members.values()].map((m) => ({ userId: m.lineUserId, displayName: m.displayName })),
  );
  let app: RunningHeadless | undefined;
  const stop = async () => {
    await app?.stop();
    await Promise.all([cloud.close(), line.close()]);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    app = await runHeadless({
      dataDir,
      cloud: { baseUrl: cloud.url, token: cloud.token },
      log,
      announceUrl: false,
      ...(options.port === undefined ? {} : { port: options.port }),
    });
    const started = performance.now();
    const firstSync = await app.core.sync.now();
    return { cloud, line, app, dataDir, firstSync, syncMs: performance.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
