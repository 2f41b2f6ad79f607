import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { VaultError } from './vault-error';

/**
 * Writes a secrets file whole or not at all: a private temp file (0600) fsynced, renamed over the
 * old one, then the folder synced, so a crash leaves either the old secrets or the new, never half.
 */
export function writeSecretFile(file: string, bytes: Buffer): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new VaultError('unwritable', `秘密情報の保管ファイル ${file} に書き込めません (${errorCode(error)})`, { cause: error });
  }
  syncDirectory(dir);
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Makes the rename itself durable where the platform allows it; Windows cannot open a directory, and NTFS journals the rename. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Best effort by design: the data is already fsynced in the renamed file.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
