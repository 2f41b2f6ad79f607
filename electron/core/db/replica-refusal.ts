import { z } from 'zod';

/**
 * Why the core refused the replica, as data that crosses processes (the core process's `failed`)
 * and the API (replica.status): what was found, and the backup on offer. No file paths: the
 * screens say it in staff's words; the logs carry the paths.
 */
export const replicaRefusalSchema = z.object({
  damage: z.enum(['empty', 'truncated', 'not_sqlite', 'check_failed']),
  /** The latest backup that passed its check, or null when there is none. */
  backup: z.object({ takenAt: z.string(), unsent: z.number().int().nonnegative(), timeZone: z.string().optional() }).nullable(),
  /** Set when staff asked for the backup and there was none to restore. */
  restoreImpossible: z.literal(true).optional(),
});

export type ReplicaRefusal = z.output<typeof replicaRefusalSchema>;

/** What staff chose for a damaged replica; without a choice the core refuses to start. */
export const replicaRecoverySchema = z.enum(['restore-backup', 'start-fresh']);

export type ReplicaRecovery = z.output<typeof replicaRecoverySchema>;
