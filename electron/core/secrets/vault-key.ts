import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VAULT_KEY_BYTES } from './file-vault';

/**
 * Where the headless vault's key comes from. The operator provides it; Tanto never stores it
 * beside the vault, because a key next to the file it protects protects nothing.
 */
export const VAULT_KEY_ENV = 'TANTO_VAULT_KEY';
export const VAULT_KEY_FILE_ENV = 'TANTO_VAULT_KEY_FILE';
export const GENERATE_KEY_COMMAND = 'npm run secrets -- generate-key';

export class VaultKeyMissingError extends Error {
  override readonly name = 'VaultKeyMissingError';
  constructor() {
    super(
      [
        '秘密情報の保管庫の鍵が設定されていません。次のどちらかで指定してください:',
        `  ・環境変数 ${VAULT_KEY_ENV} に鍵 (16 進 64 文字、または 32 バイトの base64)`,
        `  ・鍵を書いたファイルのパスを環境変数 ${VAULT_KEY_FILE_ENV} に`,
        `新しい鍵は \`${GENERATE_KEY_COMMAND}\` で作れます。鍵をなくすと保管した情報は読めなくなるので、安全な場所に控えてください。`,
        `(The vault key is not configured: set ${VAULT_KEY_ENV} to 64 hex characters or base64 of 32 bytes, ` +
          `or ${VAULT_KEY_FILE_ENV} to a file holding it; \`${GENERATE_KEY_COMMAND}\` makes one.)`,
      ].join('\n'),
    );
  }
}

export class VaultKeyInvalidError extends Error {
  override readonly name = 'VaultKeyInvalidError';
}

export interface ResolveVaultKeyOptions {
  env?: NodeJS.ProcessEnv;
  /** A key file the caller was told about (a command-line option); it wins over the environment. */
  keyFile?: string;
}

/**
 * The key from, in order: the caller's key file, TANTO_VAULT_KEY, the file TANTO_VAULT_KEY_FILE
 * names. Both variables leave this process's environment here, used or not, so nothing it starts
 * later (the robot's browser above all) inherits the key or where it is kept.
 */
export function resolveVaultKey(options: ResolveVaultKeyOptions = {}): Buffer {
  const env = options.env ?? process.env;
  const inline = env[VAULT_KEY_ENV];
  const file = env[VAULT_KEY_FILE_ENV];
  delete process.env[VAULT_KEY_ENV];
  delete process.env[VAULT_KEY_FILE_ENV];
  if (options.keyFile) return keyFromFile(options.keyFile);
  if (inline !== undefined && inline.trim() !== '') return decodeVaultKey(inline, `環境変数 ${VAULT_KEY_ENV}`);
  if (file !== undefined && file.trim() !== '') return keyFromFile(file.trim());
  throw new VaultKeyMissingError();
}

/** A new random key as 64 hex characters, the form the environment variable and key files take. */
export function generateVaultKey(): string {
  return randomBytes(VAULT_KEY_BYTES).toString('hex');
}

/** Accepts 64 hex characters or base64 (standard or URL-safe, padded or not) of exactly 32 bytes. */
export function decodeVaultKey(text: string, where: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (key.length === VAULT_KEY_BYTES) return key;
  }
  // The length helps find a truncated paste; the value itself may be a near-miss of the real key and is never shown.
  throw new VaultKeyInvalidError(
    `${where} の鍵の形式が正しくありません (${value.length} 文字)。32 バイトの鍵を 16 進 64 文字か base64 で書いてください。` +
      `\`${GENERATE_KEY_COMMAND}\` で作れます (the vault key must be 64 hex characters or base64 of 32 bytes)`,
  );
}

function keyFromFile(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new VaultKeyInvalidError(`保管庫の鍵ファイル ${file} を読めません (${code}) (cannot read the vault key file)`, { cause: error });
  }
  return decodeVaultKey(text, `鍵ファイル ${file}`);
}
