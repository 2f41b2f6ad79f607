/** What the rest of the core sees of sync: the API handlers and shells depend on this, not on the engine. */
export interface SyncStatus {
  cursor: number;
  /** Changes the cloud has that this replica has not applied, as of the last pull. */
  lag: number;
  pending: number;
  rejected: RejectedOperation[];
  quarantined: QuarantinedChange[];
  running: boolean;
  lastPullAt: string | null;
  lastPushAt: string | null;
  lastError: string | null;
}

export interface RejectedOperation {
  opId: string;
  kind: string;
  reason: string;
  rejectedAt: string;
}

export interface QuarantinedChange {
  id: number;
  seq: number;
  entity: string | null;
  op: string | null;
  reason: string;
  quarantinedAt: string;
}

export interface SyncResult {
  pushed: number;
  rejected: number;
  applied: number;
  quarantined: number;
  cursor: number;
}

export interface SyncService {
  status(): SyncStatus;
  /** Push the outbox, then pull the feed to its head. Concurrent calls share one run. */
  now(): Promise<SyncResult>;
}
