import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { createBrowserDriverProvider } from '../../automation/browser-drivers';
import { pruneArtifacts } from '../../automation/ecforce/artifacts';
import type { CoreOptions } from '../core/app';
import type { ShopConfig } from '../core/config';
import { createLineClient } from '../core/line/client';
import { ROBOT_ARTIFACTS_DIR } from '../core/robot/artifact-files';
import { robotUnavailableReasons, type RobotUnavailable } from '../core/robot/unavailable';
import { loadCartLogin } from '../core/secrets/cart-logins';
import { openDataDirVault } from '../core/secrets/data-dir-vault';
import type { SecretStore } from '../core/secrets/secret-store';
import { GENERATE_KEY_COMMAND, VAULT_KEY_ENV, VAULT_KEY_FILE_ENV, VaultKeyMissingError } from '../core/secrets/vault-key';

export const LINE_TOKEN_ENV = 'TANTO_LINE_TOKEN';

export interface RobotPartsInput {
  dataDir: string;
  config: ShopConfig | undefined;
  env?: NodeJS.ProcessEnv;
  vaultKeyFile?: string;
  lineTokenFile?: string;
  /** The LINE API's address when tanto.json names none (the demo's LINE sandbox). */
  lineBaseUrl?: string;
  log: (line: string) => void;
}

export interface RobotParts {
  secrets?: SecretStore;
  robot?: NonNullable<CoreOptions['robot']>;
  /** Set when something the robot needs is missing; robot.start answers with it. */
  robotUnavailable?: RobotUnavailable;
  stop(): void;
}

/**
 * The data folder's vault under the operator's key, opened once per run of the shell (the key
 * leaves the environment as it is read). Without a key the shell runs without secrets, and the
 * robot refuses to start saying how to provide one.
 */
export function openShellVault(input: { dataDir: string; env?: NodeJS.ProcessEnv; vaultKeyFile?: string }): { secrets?: SecretStore; unavailable?: RobotUnavailable } {
  try {
    return { secrets: openDataDirVault(input.dataDir, { env: input.env ?? process.env, ...(input.vaultKeyFile ? { keyFile: input.vaultKeyFile } : {}) }) };
  } catch (error) {
    const unavailable =
      error instanceof VaultKeyMissingError
        ? robotUnavailableReasons.vaultKeyMissing(VAULT_KEY_ENV, VAULT_KEY_FILE_ENV, GENERATE_KEY_COMMAND)
        : robotUnavailableReasons.vaultUnusable((error as Error).message);
    return { unavailable };
  }
}

/**
 * What the headless shell gives the core for the robot: the data folder's vault (the robot
 * refuses to start without its key, and says how to provide one), the LINE channel token, and
 * browser drivers whose failure evidence is pruned by age and size every hour.
 */
export function robotParts(input: RobotPartsInput): RobotParts {
  const env = input.env ?? process.env;
  const tokenInEnv = env[LINE_TOKEN_ENV];
  // Read once and gone, like the vault key: nothing this process starts later inherits the token.
  delete process.env[LINE_TOKEN_ENV];
  const vault = openShellVault({ dataDir: input.dataDir, env, ...(input.vaultKeyFile ? { vaultKeyFile: input.vaultKeyFile } : {}) });
  if (!vault.secrets) return { ...(vault.unavailable ? { robotUnavailable: vault.unavailable } : {}), stop: () => undefined };
  const secrets = vault.secrets;
  const token = input.lineTokenFile ? readFileSync(input.lineTokenFile, 'utf8').trim() : tokenInEnv?.trim();
  if (!token) {
    return {
      secrets,
      robotUnavailable: robotUnavailableReasons.lineTokenMissing(LINE_TOKEN_ENV),
      stop: () => undefined,
    };
  }
  const assembled = assembleRobot({ ...input, secrets, lineToken: token });
  return { secrets, robot: assembled.robot, stop: assembled.stop };
}

export interface RobotAssemblyInput {
  dataDir: string;
  config: ShopConfig | undefined;
  /** Where the cart logins are read from: the data folder's vault, or the desktop's safeStorage. */
  secrets: SecretStore;
  lineToken: string;
  lineBaseUrl?: string;
  /** The Chromium shipped with the desktop app (resources/chromium), tried after a configured path. */
  bundledBrowserPath?: string;
  log: (line: string) => void;
}

/**
 * The robot as both shells give it to the core: LINE client, browser drivers whose failure
 * evidence is pruned by age and size every hour, and the cart logins from the given store.
 */
export function assembleRobot(input: RobotAssemblyInput): { robot: NonNullable<CoreOptions['robot']>; stop(): void } {
  const artifactsDir = path.join(input.dataDir, ROBOT_ARTIFACTS_DIR);
  const settings = input.config?.robot;
  const lineBaseUrl = input.config?.line?.baseUrl ?? input.lineBaseUrl;
  const prune = new Cron('17 * * * *', { timezone: 'Asia/Tokyo', unref: true, protect: true }, async () => {
    try {
      const result = await pruneArtifacts(artifactsDir, { maxAgeDays: 30, maxMegabytes: 1024 });
      if (result.removed.length > 0) input.log(`robot: 古い失敗記録を ${result.removed.length} 件削除しました`);
    } catch (error) {
      input.log(`robot: 失敗記録の整理に失敗しました: ${(error as Error).message}`);
    }
  });
  const launch = {
    ...(settings?.browserPath ? { configuredPath: settings.browserPath } : {}),
    ...(input.bundledBrowserPath ? { bundledPath: input.bundledBrowserPath } : {}),
  };
  return {
    robot: {
      line: createLineClient({ channelAccessToken: input.lineToken, ...(lineBaseUrl ? { baseUrl: lineBaseUrl } : {}) }),
      drivers: createBrowserDriverProvider({ artifactsDir, log: input.log, ...(Object.keys(launch).length > 0 ? { launch } : {}) }),
      resolveLogin: (ref) => loadCartLogin(input.secrets, ref),
      ...(settings?.concurrency ? { concurrency: settings.concurrency } : {}),
      ...(settings?.siteCallsPerSecond ? { siteCallsPerSecond: settings.siteCallsPerSecond } : {}),
    },
    stop: () => prune.stop(),
  };
}
