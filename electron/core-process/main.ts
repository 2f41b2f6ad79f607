import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/app';
import { defaultDataDir, readShopConfig } from '../core/config';
import { ReplicaDamagedError } from '../core/db/replica-recovery';
import { replicaRecoverySchema } from '../core/db/replica-refusal';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import type { SecretStore } from '../core/secrets/secret-store';
import { VaultError } from '../core/secrets/vault-error';
import { createCoreHost, type CoreHost } from './host';
import { parseToCore, type FromCore } from './protocol';
import { assembleRobot } from '../headless/robot-assembly';
import { desktopLineTokenMissing } from './robot-unavailable';
import { createSecretBridge } from './secret-bridge';

/**
 * The core process: Electron's main process starts this file with `utilityProcess.fork`, so the
 * synchronous SQLite work and sync never block a window. It reaches its parent only through
 * `process.parentPort`, which Electron defines in a utility process; it imports nothing from
 * Electron and would run the same under a plain Node host that supplied such a port.
 *
 * `--data DIR` names the data folder. Secrets, the cloud token among them, live in the main
 * process's safeStorage and are asked for over the port, never read from the environment. With
 * no tanto.json or no cloud token the core runs without sync and serves the first-run flow; once
 * settings are saved it asks the main process to restart it.
 * `--replica-recovery restore-backup|start-fresh` carries staff's choice for a damaged replica,
 * which the core refuses otherwise.
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

const bridge = createSecretBridge((message) => port.postMessage(message));
let host: CoreHost | null = null;
// A restart waits until every call has its reply, the one that entered the new secret among them.
let callsInFlight = 0;
let restartWanted = false;
const restartWhenIdle = () => {
  if (restartWanted && callsInFlight === 0) {
    restartWanted = false;
    port.postMessage({ kind: 'restart' });
  }
};
// Calls that arrive while the core is still asking for its token wait for it.
const early: unknown[] = [];
port.on('message', ({ data }) => {
  const message = parseToCore(data);
  if (message?.kind === 'secret-reply') bridge.receive(message);
  else if (host) receive(host, data);
  else early.push(data);
});

// The main process ends this process once it has read `failed` or `stopped`; exiting here could
// drop the message before it is delivered.
try {
  const { core, hasToken } = await startCore(bridge.store);
  host = serve(port, core, hasToken);
  for (const data of early.splice(0)) receive(host, data);
} catch (error) {
  // A damaged replica is refused with its reason, so the windows can offer staff the backup.
  const reason = error instanceof ReplicaDamagedError ? { kind: 'replica_damaged' as const, refusal: error.refusal() } : undefined;
  port.postMessage({ kind: 'failed', message: (error as Error).message, ...(reason ? { reason } : {}) });
}

function receive(served: CoreHost, data: unknown): void {
  const isCall = parseToCore(data)?.kind === 'call';
  if (isCall) callsInFlight++;
  void served.receive(data).finally(() => {
    if (!isCall) return;
    callsInFlight--;
    restartWhenIdle();
  });
}

function serve(parent: ParentPort, core: Core, hasToken: boolean): CoreHost {
  const served = createCoreHost({
    api: core.api,
    events: core.events,
    post: (message) => parent.postMessage(message),
    onStop: () => {
      served.close();
      void core.close().then(() => parent.postMessage({ kind: 'stopped' }));
    },
  });
  // Without a cloud there is nothing to sync with; the screens ask staff for it instead (settings.get).
  if (hasToken) core.sync.start();
  core.tagRules.start();
  core.night.start();
  parent.postMessage({ kind: 'ready' });
  return served;
}

async function startCore(store: SecretStore): Promise<{ core: Core; hasToken: boolean }> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, 'replica-recovery': { type: 'string' }, 'bundled-browser': { type: 'string' } },
    allowPositionals: false,
  });
  const recovery = replicaRecoverySchema.safeParse(values['replica-recovery']);
  const dataDir = values.data ?? defaultDataDir();
  // Without tanto.json or a cloud token the core still starts: the windows show the first-run flow.
  const config = readShopConfig(dataDir);
  const token = await readSecret(store, CLOUD_TOKEN_SECRET);
  const lineToken = await readSecret(store, LINE_TOKEN_SECRET);
  const cloud = config?.cloud && token ? { baseUrl: config.cloud.baseUrl, token } : null;
  const log = (line: string) => console.log(line);
  const bundledBrowserPath = values['bundled-browser'];
  const robot = lineToken && cloud ? assembleRobot({ dataDir, config, secrets: store, lineToken, log, ...(bundledBrowserPath ? { bundledBrowserPath } : {}) }) : null;
  const core = createCore({
    dataDir,
    cloud,
    secrets: store,
    expectedSecrets: [CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET],
    log,
    // Saved settings and tokens entered again take effect in a fresh core, asked of the main process once no call is in flight.
    settings: {
      shell: 'desktop',
      dataDir,
      restart: () => {
        restartWanted = true;
      },
      restartPending: () => restartWanted,
      ...(bundledBrowserPath ? { bundledBrowserPath } : {}),
    },
    ...(robot ? { robot: robot.robot } : { robotUnavailable: desktopLineTokenMissing }),
    ...(recovery.success ? { replicaRecovery: recovery.data } : {}),
    ...(config?.sync ? { syncIntervalMs: config.sync.intervalSeconds * 1000 } : {}),
  });
  return { core, hasToken: cloud !== null };
}

/** Null when none is stored or this computer cannot read it: the core still starts, so staff can enter it. */
async function readSecret(store: SecretStore, name: string): Promise<string | null> {
  try {
    return (await store.get(name)) || null;
  } catch (error) {
    if (error instanceof VaultError) return null;
    throw error;
  }
}
