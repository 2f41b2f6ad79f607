/**
 * Why the vault could not be used. Messages name the file and the cause, never the key or a
 * secret, so they can go to logs and to the screen as they are.
 */
export type VaultErrorKind =
  | 'invalid_key'
  | 'undecryptable'
  | 'not_a_vault'
  | 'unsupported_version'
  | 'unreadable'
  | 'unwritable';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly kind: VaultErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
