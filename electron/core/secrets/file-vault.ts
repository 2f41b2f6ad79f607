import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SecretStore } from './secret-store';
import { VaultError } from './vault-error';
import { errorCode, writeSecretFile } from './secret-file';

/**
 * The headless shell's SecretStore: the whole name → value map in one file, encrypted with
 * AES-256-GCM under a key the operator provides (design.md §6).
 *
 * Layout: "TNTV" | version (1 byte) | nonce (12) | auth tag (16) | ciphertext. The magic and
 * version are authenticated as associated data, so a header edited to dodge a future format
 * check fails like any other tampering.
 */

const MAGIC = Buffer.from('TNTV', 'ascii');
export const VAULT_FORMAT_VERSION = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1;
export const VAULT_KEY_BYTES = 32;

export interface FileVaultOptions {
  file: string;
  /** 32 bytes; see vault-key.ts for where it comes from. */
  key: Buffer;
}

type SecretMap = Record<string, string>;

export function createFileVault(options: FileVaultOptions): SecretStore {
  const { file } = options;
  if (!Buffer.isBuffer(options.key) || options.key.length !== VAULT_KEY_BYTES) {
    throw new VaultError('invalid_key', `保管庫の鍵は ${VAULT_KEY_BYTES} バイトでなければなりません (the vault key must be ${VAULT_KEY_BYTES} bytes)`);
  }
  // Copied so a caller zeroing or reusing its buffer cannot change the key under the vault.
  const key = Buffer.from(options.key);
  // One operation at a time, so two concurrent set() calls cannot each write a map missing the other's name.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => T): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  const read = (): SecretMap => readVault(file, key);
  const write = (secrets: SecretMap): void => writeVault(file, key, secrets);

  return {
    get: (name) =>
      serial(() => {
        const secrets = read();
        return Object.hasOwn(secrets, name) ? secrets[name]! : null;
      }),
    set: (name, value) =>
      serial(() => {
        const secrets = read();
        secrets[name] = value;
        write(secrets);
      }),
    delete: (name) =>
      serial(() => {
        const secrets = read();
        if (!Object.hasOwn(secrets, name)) return false;
        delete secrets[name];
        write(secrets);
        return true;
      }),
    names: () => serial(() => Object.keys(read()).sort()),
  };
}

function readVault(file: string, key: Buffer): SecretMap {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new VaultError('unreadable', `秘密情報の保管ファイル ${file} を読めません (${errorCode(error)})`, { cause: error });
  }
  if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new VaultError('not_a_vault', `${file} は Tanto の秘密情報の保管ファイルではありません (not a Tanto vault file)`);
  }
  const version = bytes[MAGIC.length];
  if (version !== VAULT_FORMAT_VERSION) {
    throw new VaultError(
      'unsupported_version',
      `秘密情報の保管ファイル ${file} の形式 (版 ${version}) はこの Tanto では読めません。Tanto を更新してください (unsupported vault format version ${version})`,
    );
  }
  const header = bytes.subarray(0, HEADER_BYTES);
  const nonce = bytes.subarray(HEADER_BYTES, HEADER_BYTES + NONCE_BYTES);
  const tag = bytes.subarray(HEADER_BYTES + NONCE_BYTES, HEADER_BYTES + NONCE_BYTES + TAG_BYTES);
  const ciphertext = bytes.subarray(HEADER_BYTES + NONCE_BYTES + TAG_BYTES);
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(header);
    decipher.setAuthTag(tag);
    plaintext = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch (error) {
    throw new VaultError(
      'undecryptable',
      `秘密情報の保管ファイル ${file} を復号できません。鍵が違うか、ファイルが壊れているか書き換えられています ` +
        `(cannot decrypt the vault: wrong key, or the file is damaged or was altered: ${(error as Error).message})`,
      { cause: error },
    );
  }
  try {
    const parsed = JSON.parse(plaintext.toString('utf8')) as { secrets?: unknown };
    if (!isSecretMap(parsed.secrets)) throw new Error('unexpected content');
    return { ...parsed.secrets };
  } catch (error) {
    // Authenticated but unreadable means a writer bug, not tampering; the content stays out of the message.
    throw new VaultError('not_a_vault', `秘密情報の保管ファイル ${file} の中身を読み取れません (vault content is not a secret map)`, { cause: error });
  } finally {
    plaintext.fill(0);
  }
}

/** Writes a temp file beside the vault and renames it over, so a crash leaves the old vault or the new one, never half of one. */
function writeVault(file: string, key: Buffer, secrets: SecretMap): void {
  const header = Buffer.concat([MAGIC, Buffer.from([VAULT_FORMAT_VERSION])]);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const plaintext = Buffer.from(JSON.stringify({ secrets }), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  const bytes = Buffer.concat([header, nonce, cipher.getAuthTag(), ciphertext]);

  writeSecretFile(file, bytes);
}

function isSecretMap(value: unknown): value is SecretMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
