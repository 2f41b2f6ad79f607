import { readFileSync } from 'node:fs';
import type { Api } from '../core/api/registry';
import { createCore, type Core } from '../core/app';
import { readShopConfig } from '../core/config';
import type { ReplicaRecovery } from '../core/db/replica-recovery';
import type { EventBus } from '../core/events';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import type { SecretStore } from '../core/secrets/secret-store';
import { VaultError } from '../core/secrets/vault-error';
import type { SettingsHost } from '../core/settings/host';
import { robotCloudNotSetUp } from '../core/settings/robot-not-set-up';
import type { SettingLock } from '../core/settings/types';
import { createCoreSlot } from './core-slot';
import { LINE_TOKEN_ENV, openShellVault, shellRobot } from './robot-parts';
import { startHeadlessShell, type HeadlessShell } from './server';

/** A value the shell was started with, and how, so the setup screens show it as fixed. */
export interface GivenSetting {
  value: string;
  lock: SettingLock;
}

export interface HeadlessOptions {
  dataDir: string;
  /**
   * The shop's cloud as the caller gives it (the demo, tests): both fixed for this run. Without
   * it the address comes from tanto.json and the token from the vault, and a shell with neither
   * serves the first-run flow.
   */
  cloud?: { baseUrl: string; token: string };
  /** The cloud address from a flag (--cloud-url). */
  cloudUrl?: GivenSetting;
  /** The cloud token from a file or the environment. */
  cloudToken?: GivenSetting;
  port?: number;
  token?: string;
  syncIntervalMs?: number;
  /** Print the ready line with the URL; the demo prints it in its own summary instead. */
  announceUrl?: boolean;
  /** The renderer build to serve; the checkout's renderer/dist by default. */
  rendererDir?: string;
  vaultKeyFile?: string;
  lineTokenFile?: string;
  /** The LINE API's address when the shop config names none (the demo's sandbox, --line-url). */
  lineBaseUrl?: string;
  env?: NodeJS.ProcessEnv;
  /** Start the robot with the service (tanto.json robot.autoStart does the same). */
  startRobot?: boolean;
  log?: (line: string) => void;
  /** What staff chose for a damaged replica (--restore-backup, --start-fresh). */
  replicaRecovery?: ReplicaRecovery;
}

export interface RunningHeadless {
  /** The core serving now; another one after the setup screens saved settings that need a restart. */
  readonly core: Core;
  shell: HeadlessShell;
  /** Resolves once no restart of the core is asked for or under way. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

interface OpenedCore {
  core: Core;
  /** Why this core has no robot, for the log when one was asked for. */
  robotUnavailable: string;
  api: Api;
  events: EventBus;
  close(): Promise<void>;
}

/**
 * The headless shell over a core: the unattended service, and what the demo and browser tests
 * drive. The core is read from the data folder each time it opens (tanto.json, the vault), and
 * opened again behind the same server when the setup screens save what needs it.
 */
export async function runHeadless(options: HeadlessOptions): Promise<RunningHeadless> {
  const log = options.log ?? ((line: string) => console.log(line));
  const env = options.env ?? process.env;
  // Once per run: the vault key and the LINE token leave the environment as they are read.
  const vault = openShellVault({ dataDir: options.dataDir, env, ...(options.vaultKeyFile ? { vaultKeyFile: options.vaultKeyFile } : {}) });
  const lineGiven = givenLineToken(options, env);
  const cloudUrl = options.cloudUrl ?? (options.cloud ? { value: options.cloud.baseUrl, lock: { by: 'flag' as const, name: '--cloud-url' } } : undefined);
  const cloudToken = options.cloudToken ?? (options.cloud ? { value: options.cloud.token, lock: { by: 'flag' as const, name: '--cloud-token-file' } } : undefined);

  let slot: ReturnType<typeof createCoreSlot<OpenedCore>> | null = null;
  const host: SettingsHost = {
    shell: 'headless',
    dataDir: options.dataDir,
    ...(cloudUrl ? { cloudUrlLock: cloudUrl.lock } : {}),
    ...(cloudToken ? { cloudTokenLock: cloudToken.lock } : {}),
    ...(lineGiven ? { lineTokenLock: lineGiven.lock } : {}),
    ...(vault.secrets ? {} : { noStoreLock: { by: 'noStore' as const, name: '--vault-key-file' } }),
    restart: () => slot?.requestRestart(),
    restartPending: () => slot?.restartPending() ?? false,
  };

  let opens = 0;
  let robotWasRunning = false;
  const open = async (): Promise<OpenedCore> => {
    const first = opens++ === 0;
    const config = readShopConfig(options.dataDir);
    const baseUrl = cloudUrl?.value ?? config?.cloud?.baseUrl;
    const token = cloudToken?.value ?? (await fromVault(vault.secrets, CLOUD_TOKEN_SECRET));
    const lineToken = lineGiven?.value ?? (await fromVault(vault.secrets, LINE_TOKEN_SECRET));
    const robot = shellRobot({ dataDir: options.dataDir, vault, lineToken, config, log, ...(options.lineBaseUrl ? { lineBaseUrl: options.lineBaseUrl } : {}) });
    const intervalSeconds = config?.sync?.intervalSeconds;
    let core: Core;
    try {
      core = createCore({
        dataDir: options.dataDir,
        cloud: baseUrl && token ? { baseUrl, token } : null,
        log,
        settings: host,
        ...(vault.secrets ? { secrets: vault.secrets } : {}),
        // Tokens the screens may enter here: those the shell was not given by file or environment.
        ...(vault.secrets ? { expectedSecrets: [...(cloudToken ? [] : [CLOUD_TOKEN_SECRET]), ...(lineGiven ? [] : [LINE_TOKEN_SECRET])] } : {}),
        ...(robot.parts ? { robot: robot.parts } : {}),
        ...(robot.unavailable ? { robotUnavailable: robot.unavailable } : {}),
        ...(intervalSeconds ? { syncIntervalMs: intervalSeconds * 1000 } : options.syncIntervalMs === undefined ? {} : { syncIntervalMs: options.syncIntervalMs }),
        ...(first && options.replicaRecovery ? { replicaRecovery: options.replicaRecovery } : {}),
      });
    } catch (error) {
      robot.stop();
      throw error;
    }
    const started = baseUrl && token;
    if (!started) log(`${options.dataDir} のショップはまだ設定されていません。画面の初回設定でクラウドのアドレスとトークンを入力してください。`);
    return {
      core,
      robotUnavailable: started ? (robot.unavailable?.text ?? '') : robotCloudNotSetUp.text,
      api: core.api,
      events: core.events,
      async close() {
        robotWasRunning = core.robot?.status().running ?? false;
        robot.stop();
        await core.close();
      },
    };
  };

  const startServices = (opened: OpenedCore, first: boolean) => {
    const { core } = opened;
    core.sync.start();
    core.tagRules.start();
    core.night.start();
    const wanted = first ? (options.startRobot ?? readShopConfig(options.dataDir)?.robot?.autoStart ?? false) : robotWasRunning;
    if (!wanted) return;
    if (core.robot) core.robot.start();
    else log(`robot: 開始できません: ${opened.robotUnavailable}`);
  };

  const firstCore = await open();
  slot = createCoreSlot(
    firstCore,
    async () => {
      const opened = await open();
      startServices(opened, false);
      return opened;
    },
    log,
  );
  let shell: HeadlessShell;
  try {
    shell = await startHeadlessShell({
      api: slot.api,
      events: slot.events,
      log,
      announceUrl: options.announceUrl ?? true,
      ...(options.rendererDir ? { rendererDir: options.rendererDir } : {}),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  } catch (error) {
    await slot.close();
    throw error;
  }
  startServices(firstCore, true);
  const running = slot;
  return {
    get core() {
      return running.current().core;
    },
    shell,
    settled: () => running.settled(),
    async stop() {
      await shell.close();
      await running.close();
    },
  };
}

function givenLineToken(options: HeadlessOptions, env: NodeJS.ProcessEnv): GivenSetting | undefined {
  const inEnv = env[LINE_TOKEN_ENV]?.trim();
  // Read once and gone: nothing this process starts later (the robot's browser) inherits the token.
  delete process.env[LINE_TOKEN_ENV];
  if (options.lineTokenFile) return { value: readFileSync(options.lineTokenFile, 'utf8').trim(), lock: { by: 'file', name: '--line-token-file' } };
  return inEnv ? { value: inEnv, lock: { by: 'env', name: LINE_TOKEN_ENV } } : undefined;
}

/** Null when nothing is stored or it cannot be read: the core still starts, and the screens say what is missing. */
async function fromVault(store: SecretStore | undefined, name: string): Promise<string | null> {
  if (!store) return null;
  try {
    return (await store.get(name)) || null;
  } catch (error) {
    if (error instanceof VaultError) return null;
    throw error;
  }
}
