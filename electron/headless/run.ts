import { createCore, type Core } from '../core/app';
import type { ShopConfig } from '../core/config';
import type { ReplicaRecovery } from '../core/db/replica-recovery';
import { robotParts } from './robot-parts';
import { startHeadlessShell, type HeadlessShell } from './server';

export interface HeadlessOptions {
  dataDir: string;
  cloud: { baseUrl: string; token: string };
  port?: number;
  token?: string;
  syncIntervalMs?: number;
  /** Print the ready line with the URL; the demo prints it in its own summary instead. */
  announceUrl?: boolean;
  config?: ShopConfig;
  vaultKeyFile?: string;
  lineTokenFile?: string;
  /** The LINE API's address when the shop config names none (the demo's sandbox). */
  lineBaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  /** Start the robot with the service (tanto.json robot.autoStart does the same). */
  startRobot?: boolean;
  log?: (line: string) => void;
  /** What staff chose for a damaged replica (--restore-backup, --start-fresh). */
  replicaRecovery?: ReplicaRecovery;
}

export interface RunningHeadless {
  core: Core;
  shell: HeadlessShell;
  stop(): Promise<void>;
}

/** The headless shell over a core: the unattended service, and what the demo and browser tests drive. */
export async function runHeadless(options: HeadlessOptions): Promise<RunningHeadless> {
  const log = options.log ?? ((line: string) => console.log(line));
  const parts = robotParts({
    dataDir: options.dataDir,
    config: options.config,
    log,
    ...(options.env ? { env: options.env } : {}),
    ...(options.vaultKeyFile ? { vaultKeyFile: options.vaultKeyFile } : {}),
    ...(options.lineTokenFile ? { lineTokenFile: options.lineTokenFile } : {}),
    ...(options.lineBaseUrl ? { lineBaseUrl: options.lineBaseUrl } : {}),
  });
  let core: Core;
  try {
    core = createCore({
      dataDir: options.dataDir,
      cloud: options.cloud,
      log,
      ...(parts.secrets ? { secrets: parts.secrets } : {}),
      ...(parts.robot ? { robot: parts.robot } : {}),
      ...(parts.robotUnavailable ? { robotUnavailable: parts.robotUnavailable } : {}),
      ...(options.syncIntervalMs === undefined ? {} : { syncIntervalMs: options.syncIntervalMs }),
      ...(options.replicaRecovery ? { replicaRecovery: options.replicaRecovery } : {}),
    });
  } catch (error) {
    parts.stop();
    throw error;
  }
  let shell: HeadlessShell;
  try {
    shell = await startHeadlessShell({
      api: core.api,
      events: core.events,
      log,
      announceUrl: options.announceUrl ?? true,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  } catch (error) {
    parts.stop();
    await core.close();
    throw error;
  }
  core.sync.start();
  core.tagRules.start();
  core.night.start();
  if (options.startRobot ?? options.config?.robot?.autoStart ?? false) {
    if (core.robot) core.robot.start();
    else log(`robot: 開始できません: ${parts.robotUnavailable?.text ?? ''}`);
  }
  return {
    core,
    shell,
    async stop() {
      parts.stop();
      await shell.close();
      await core.close();
    },
  };
}
