import { CloudError } from './cloud-client';

/**
 * Why sync failed, as staff can act on it:
 * - unreachable: no answer from the cloud at all (network down, DNS, a proxy, a timeout);
 * - unauthorized: the cloud refused the workstation's token (401/403);
 * - cloud_error: the cloud answered with an error of its own (5xx, 429);
 * - incompatible: the cloud answered something this version does not understand;
 * - unknown: anything else (a bug here), said with its text on the sync screen's details.
 */
export type SyncFailureKind = 'unreachable' | 'unauthorized' | 'cloud_error' | 'incompatible' | 'unknown';

export interface SyncFailure {
  kind: SyncFailureKind;
  /** Sending this workstation's changes, or fetching the cloud's. */
  phase: 'push' | 'pull';
  /** When sync began failing: the first failure since the last cycle that succeeded. */
  since: string;
  /** When it failed last. */
  at: string;
}

export function failureKind(error: unknown): SyncFailureKind {
  if (!(error instanceof CloudError)) return 'unknown';
  if (error.status === 401 || error.status === 403) return 'unauthorized';
  if (error.status === null) return error.kind === 'transient' ? 'unreachable' : 'incompatible';
  if (error.kind === 'transient') return error.status >= 500 || error.status === 429 || error.status === 408 ? 'cloud_error' : 'unreachable';
  return 'incompatible';
}

/**
 * The state staff see in the top bar, from the facts: never synced (and whether it is failing),
 * offline since a time, behind by a number of changes, or up to date.
 */
export type SyncHealth = 'never_synced' | 'offline' | 'behind' | 'up_to_date';

export function syncHealth(facts: { lastPullAt: string | null; failure: SyncFailure | null; lag: number }): SyncHealth {
  if (facts.lastPullAt === null) return 'never_synced';
  if (facts.failure) return 'offline';
  return facts.lag > 0 ? 'behind' : 'up_to_date';
}
