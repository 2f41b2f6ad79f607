import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import type { SecretStore } from '../core/secrets/secret-store';
import { VAULT_KEY_ENV, VAULT_KEY_FILE_ENV } from '../core/secrets/vault-key';

/** The headless shell's LINE_TOKEN_ENV, named here so the main process does not load the robot's parts. */
const LINE_TOKEN_ENV = 'TANTO_LINE_TOKEN';

/** Variables the headless shell reads secrets from; a desktop core's environment never carries them. */
const SECRET_ENV = ['TANTO_CLOUD_TOKEN', LINE_TOKEN_ENV, VAULT_KEY_ENV, VAULT_KEY_FILE_ENV] as const;

/** The environment the core process starts with: the main process's, without any secret. */
export function coreChildEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const child: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !(SECRET_ENV as readonly string[]).includes(name)) child[name] = value;
  }
  return child;
}

/**
 * A token the desktop app was started with (how a shop was set up before the app could ask
 * for it) goes into the store once and out of this process's environment; the core then reads
 * it from the store like one entered on screen. Never throws: a refused store is said in the log.
 */
export async function takeTokensFromEnv(env: NodeJS.ProcessEnv, store: SecretStore, log: (line: string) => void): Promise<void> {
  for (const [variable, secret] of [
    ['TANTO_CLOUD_TOKEN', CLOUD_TOKEN_SECRET],
    [LINE_TOKEN_ENV, LINE_TOKEN_SECRET],
  ] as const) {
    const value = env[variable]?.trim();
    delete env[variable];
    if (!value) continue;
    try {
      await store.set(secret, value);
    } catch (error) {
      log(`secrets: ${variable} was not stored (${(error as Error).message})`);
    }
  }
}
