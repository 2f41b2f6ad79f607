import type { ShopConfig } from '../core/config';
import { robotUnavailableReasons, type RobotUnavailable } from '../core/robot/unavailable';
import { openDataDirVault } from '../core/secrets/data-dir-vault';
import type { SecretStore } from '../core/secrets/secret-store';
import { GENERATE_KEY_COMMAND, VAULT_KEY_ENV, VAULT_KEY_FILE_ENV, VaultKeyMissingError } from '../core/secrets/vault-key';
import { assembleRobot } from './robot-assembly';

export const LINE_TOKEN_ENV = 'TANTO_LINE_TOKEN';

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
 * What the headless shell gives the core for the robot: its parts when the vault is open and
 * the LINE channel token is known, otherwise why the robot cannot start (robot.start says it).
 */
export function shellRobot(input: {
  dataDir: string;
  vault: ReturnType<typeof openShellVault>;
  lineToken: string | null;
  config: ShopConfig | undefined;
  lineBaseUrl?: string;
  log: (line: string) => void;
}): { parts?: ReturnType<typeof assembleRobot>['robot']; unavailable?: RobotUnavailable; stop(): void } {
  const { vault, lineToken } = input;
  if (!vault.secrets) return { ...(vault.unavailable ? { unavailable: vault.unavailable } : {}), stop: () => undefined };
  if (!lineToken) return { unavailable: robotUnavailableReasons.lineTokenMissing(LINE_TOKEN_ENV), stop: () => undefined };
  const assembled = assembleRobot({
    dataDir: input.dataDir,
    config: input.config,
    secrets: vault.secrets,
    lineToken,
    log: input.log,
    ...(input.lineBaseUrl ? { lineBaseUrl: input.lineBaseUrl } : {}),
  });
  return { parts: assembled.robot, stop: assembled.stop };
}
