import type { SyncFailure, SyncHealth } from './sync-failure';

export type { SyncFailure, SyncFailureKind, SyncHealth } from './sync-failure';

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
  /** The last failure's text, for the logs and the sync screen's details; failure says it for staff. */
  lastError: string | null;
  /** Why sync is failing and since when; null once a cycle succeeds. */
  failure: SyncFailure | null;
  health: SyncHealth;
  /**
   * Present (true) when this workstation has no cloud to sync with yet (no address or no token:
   * the first-run flow or 設定 has not been completed). Health is then never_synced without a
   * failure, and nothing is tried until the settings are saved and the core restarts.
   */
  notSetUp?: true;
}

export interface RejectedOperation {
  opId: string;
  kind: string;
  /** The cloud's words: its answer's reason, or "HTTP <status> <code>: <message>" when it refused the operation as a request. */
  reason: string;
  /** The cloud's code for the refusal (the answer's code, or the error code of a refused request); null when it gave none. */
  code: string | null;
  rejectedAt: string;
  subject: RejectedSubject;
}

/** What a rejected operation was about, read from its payload; null where its kind has no such field. */
export interface RejectedSubject {
  requestId: number | null;
  /** The LOC status a status change asked for. */
  status: string | null;
  memberId: number | null;
  memberName: string | null;
  tagId: number | null;
  tagName: string | null;
  /** The cross-sell config or tag rule saved or deleted, and the name it was saved under. */
  entityId: number | null;
  entityName: string | null;
  period: string | null;
  count: number | null;
}

/** Why a pulled change was quarantined: unreadable, of an entity this version does not know, not valid, or refused by the replica. */
export type QuarantineCause = 'malformed' | 'unknown_entity' | 'invalid' | 'refused';

export interface QuarantinedChange {
  id: number;
  seq: number;
  entity: string | null;
  op: string | null;
  /** The parser's words, for the detail. */
  reason: string;
  cause: QuarantineCause | null;
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
  /** Whether a batch of outbox operations is on its way to the cloud right now (not the pull). */
  sending?(): boolean;
  /**
   * For an update about to install: no cycle begins until release(); one under way finishes
   * (sending() says whether it is still sending). sync.now is refused meanwhile.
   */
  hold?(): void;
  release?(): void;
}
