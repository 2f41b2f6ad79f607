/** Errors the replica raises when it cannot be trusted or opened; they carry a kind so shells can explain them. */
export type DatabaseErrorKind = 'too_new' | 'corrupted' | 'migration_failed';

export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly kind: DatabaseErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
