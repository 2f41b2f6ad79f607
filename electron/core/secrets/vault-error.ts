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
  | 'unwritable'
  /** The desktop's protection is missing or is no protection (Linux `basic_text`); nothing is stored. */
  | 'refused';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  /** For `undecryptable`: the names whose values could not be read (the desktop store says which). */
  readonly secrets: string[];
  constructor(
    readonly kind: VaultErrorKind,
    message: string,
    options?: { cause?: unknown; secrets?: string[] },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.secrets = options?.secrets ?? [];
  }
}
