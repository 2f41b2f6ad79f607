import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SecretInventory, SecretStore } from '../core/secrets/secret-store';
import { describeSecret } from '../core/secrets/secret-names';
import { VaultError } from '../core/secrets/vault-error';
import { errorCode, writeSecretFile } from '../core/secrets/secret-file';

/**
 * The desktop's SecretStore on Electron safeStorage's asynchronous API. Written without
 * Electron so it runs under Node with a stand-in for these functions; safe-storage-store.ts
 * passes the real safeStorage.
 *
 * Every value is encrypted on its own and kept as base64 under its readable name in one JSON
 * file in userData, so a value this PC cannot decrypt (DPAPI on another Windows profile or PC)
 * can be named to staff and kept until they enter it again, while the others stay usable.
 */
export interface SafeStorageAsync {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only in Electron; `basic_text` means the values would be stored with a fixed key. */
  getSelectedStorageBackend?(): string;
}

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageAsync;
  file: string;
  platform?: NodeJS.Platform;
  log?: (line: string) => void;
}

export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

const fileShape = z.object({
  format: z.literal('tanto-safe-storage'),
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});
type Encrypted = Record<string, string>;

export function createSafeStorageVault(options: SafeStorageVaultOptions): SecretStore & { inventory(): Promise<SecretInventory> } {
  const { safeStorage, file } = options;
  const platform = options.platform ?? process.platform;
  const log = options.log ?? (() => undefined);
  let usable: Promise<void> | undefined;
  // One operation at a time, so two set() calls cannot each write a file missing the other's name.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(async () => {
      // A refusal is asked again next time: a keyring unlocked later makes the store usable.
      usable ??= checkProtection(safeStorage, platform).catch((error: unknown) => {
        usable = undefined;
        throw error;
      });
      await usable;
      return work();
    });
    queue = next.catch(() => undefined);
    return next;
  };

  /** Decrypts one value; null when this PC cannot. A value encrypted under an older key is written again under the current one. */
  async function open(secrets: Encrypted, name: string): Promise<string | null> {
    let decrypted: { result: string; shouldReEncrypt: boolean };
    try {
      decrypted = await safeStorage.decryptStringAsync(Buffer.from(secrets[name]!, 'base64'));
    } catch {
      return null;
    }
    if (decrypted.shouldReEncrypt) {
      try {
        secrets[name] = (await safeStorage.encryptStringAsync(decrypted.result)).toString('base64');
        writeFile(file, secrets);
      } catch (error) {
        // The value was read; encrypting it again can wait for the next read.
        log(`secrets: ${describeSecret(name)} could not be encrypted again (${(error as Error).message})`);
      }
    }
    return decrypted.result;
  }

  return {
    get: (name) =>
      serial(async () => {
        const secrets = readFile(file);
        if (!Object.hasOwn(secrets, name)) return null;
        const value = await open(secrets, name);
        if (value === null) throw undecryptable([name]);
        return value;
      }),
    set: (name, value) =>
      serial(async () => {
        const secrets = readFile(file);
        secrets[name] = (await safeStorage.encryptStringAsync(value)).toString('base64');
        writeFile(file, secrets);
      }),
    delete: (name) =>
      serial(async () => {
        const secrets = readFile(file);
        if (!Object.hasOwn(secrets, name)) return false;
        delete secrets[name];
        writeFile(file, secrets);
        return true;
      }),
    names: () => serial(async () => Object.keys(readFile(file)).sort()),
    inventory: () =>
      serial(async () => {
        const secrets = readFile(file);
        const inventory: SecretInventory = { readable: [], undecryptable: [] };
        for (const name of Object.keys(secrets).sort()) {
          const list = (await open(secrets, name)) === null ? inventory.undecryptable : inventory.readable;
          list.push(name);
        }
        return inventory;
      }),
  };
}

async function checkProtection(safeStorage: SafeStorageAsync, platform: NodeJS.Platform): Promise<void> {
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    throw new VaultError(
      'refused',
      'このパソコンには秘密情報を守る仕組み（キーリング）がないため、トークンやログイン情報を保存しません。GNOME キーリングか KWallet を使えるようにしてください ' +
        '(the desktop offers only basic_text storage, which is no protection; secrets are not stored)',
    );
  }
  let available: boolean;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) {
    throw new VaultError(
      'refused',
      'このパソコンでは秘密情報の暗号化を使えないため、トークンやログイン情報を保存しません ' +
        '(encryption is not available on this computer; secrets are not stored)',
    );
  }
}

function undecryptable(names: string[]): VaultError {
  return new VaultError(
    'undecryptable',
    `${names.map(describeSecret).join('、')} をこのパソコンでは復号できません。入力し直してください ` +
      '(encrypted on another computer or Windows user; enter it again)',
    { secrets: names },
  );
}

function readFile(file: string): Encrypted {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new VaultError('unreadable', `秘密情報の保管ファイル ${file} を読めません (${errorCode(error)})`, { cause: error });
  }
  let parsed: z.output<typeof fileShape>;
  try {
    parsed = fileShape.parse(JSON.parse(text));
  } catch (error) {
    throw new VaultError('not_a_vault', `秘密情報の保管ファイル ${file} の中身を読み取れません (not a Tanto secrets file)`, { cause: error });
  }
  return { ...parsed.secrets };
}

/** A temp file beside the store, renamed over it: a crash leaves the old file or the new one, never half of one. */
function writeFile(file: string, secrets: Encrypted): void {
  writeSecretFile(file, Buffer.from(JSON.stringify({ format: 'tanto-safe-storage', version: 1, secrets }, null, 2) + '\n', 'utf8'));
}

