import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/app';
import { defaultDataDir, readShopConfig } from '../core/config';
import { ReplicaDamagedError } from '../core/db/replica-recovery';
import { replicaRecoverySchema } from '../core/db/replica-refusal';
import { createCoreHost } from './host';
import type { FromCore } from './protocol';
import { DESKTOP_ROBOT_UNAVAILABLE } from './robot-unavailable';

/**
 * The core process: Electron's main process starts this file with `utilityProcess.fork`, so the
 * synchronous SQLite work and sync never block a window. It reaches its parent only through
 * `process.parentPort`, which Electron defines in a utility process; it imports nothing from
 * Electron and would run the same under a plain Node host that supplied such a port.
 *
 * `--data DIR` names the data folder; the cloud token comes from TANTO_CLOUD_TOKEN as in the
 * headless shell. `--replica-recovery restore-backup|start-fresh` carries staff's choice for a
 * damaged replica, which the core refuses otherwise.
 */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  postMessage(message: FromCore): void;
}

const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!port) {
  console.error('electron/core-process runs inside Electron (utilityProcess.fork); for a plain Node service use `npm run serve`.');
  process.exit(2);
}

// The main process ends this process once it has read `failed` or `stopped`; exiting here could
// drop the message before it is delivered.
try {
  serve(port, startCore());
} catch (error) {
  // A damaged replica is refused with its reason, so the windows can offer staff the backup.
  const reason = error instanceof ReplicaDamagedError ? { kind: 'replica_damaged' as const, refusal: error.refusal() } : undefined;
  port.postMessage({ kind: 'failed', message: (error as Error).message, ...(reason ? { reason } : {}) });
}

function serve(parent: ParentPort, core: Core): void {
  const host = createCoreHost({
    api: core.api,
    events: core.events,
    post: (message) => parent.postMessage(message),
    onStop: () => {
      host.close();
      void core.close().then(() => parent.postMessage({ kind: 'stopped' }));
    },
  });
  parent.on('message', (message) => void host.receive(message.data));
  core.sync.start();
  core.tagRules.start();
  parent.postMessage({ kind: 'ready' });
}

function startCore(): Core {
  const { values } = parseArgs({ options: { data: { type: 'string' }, 'replica-recovery': { type: 'string' } }, allowPositionals: false });
  const recovery = replicaRecoverySchema.safeParse(values['replica-recovery']);
  const dataDir = values.data ?? defaultDataDir();
  const config = readShopConfig(dataDir);
  const token = process.env.TANTO_CLOUD_TOKEN;
  // Read once and gone: nothing this process starts later inherits the token.
  delete process.env.TANTO_CLOUD_TOKEN;
  if (!config || !token) {
    throw new Error(
      `${dataDir} にショップの設定がありません (tanto.json と TANTO_CLOUD_TOKEN) ` +
        `(no shop is configured in ${dataDir}: put tanto.json there and set TANTO_CLOUD_TOKEN)`,
    );
  }
  return createCore({
    dataDir,
    cloud: { baseUrl: config.cloud.baseUrl, token },
    robotUnavailable: DESKTOP_ROBOT_UNAVAILABLE,
    ...(recovery.success ? { replicaRecovery: recovery.data } : {}),
    ...(config.sync ? { syncIntervalMs: config.sync.intervalSeconds * 1000 } : {}),
  });
}
