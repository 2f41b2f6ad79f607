import type { Db } from '../db/open';
import type { LocStatus } from '../sync/change-schemas';
import { nextStatus, type LocActor, type LocEvent } from './loc-state';

export interface WorkRow {
  requestId: number;
  status: LocStatus;
  attempts: number;
  nextAttemptAt: string | null;
  reason: string | null;
}

export interface TransitionOptions {
  actor: LocActor;
  actorDetail?: string | null;
  reason?: string | null;
  at: string;
  /** For fail_application: when the request may be tried again. */
  nextAttemptAt?: string | null;
  /** Count this transition as one more attempt. */
  countAttempt?: boolean;
}

/** The robot's status of a request: its own row, else what the cloud says (server state). */
export function workOf(db: Db, requestId: number): WorkRow | undefined {
  const own = db
    .prepare(
      `SELECT loc_request_id AS requestId, status, attempts, next_attempt_at AS nextAttemptAt, reason
       FROM loc_work WHERE loc_request_id = ?`,
    )
    .get(requestId) as WorkRow | undefined;
  if (own) return own;
  const server = db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(requestId) as LocStatus | undefined;
  return server === undefined ? undefined : { requestId, status: server, attempts: 0, nextAttemptAt: null, reason: null };
}

/**
 * Moves a request along the state machine and journals who did it. Call it inside the
 * transaction that makes the matching outbox entries, so the two commit together.
 */
export function transition(db: Db, requestId: number, event: LocEvent, options: TransitionOptions): LocStatus {
  const current = workOf(db, requestId);
  if (!current) throw new Error(`LOC 申請 ${requestId} はありません`);
  const to = nextStatus(current.status, event, options.actor);
  const attempts = current.attempts + (options.countAttempt ? 1 : 0);
  const reason = options.reason ?? (to === 'needs_manual' || to === 'failed_retryable' ? current.reason : null);
  db.prepare(
    `INSERT INTO loc_work (loc_request_id, status, attempts, next_attempt_at, reason, updated_at)
     VALUES (@requestId, @to, @attempts, @nextAttemptAt, @reason, @at)
     ON CONFLICT (loc_request_id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
       next_attempt_at = excluded.next_attempt_at, reason = excluded.reason, updated_at = excluded.updated_at`,
  ).run({ requestId, to, attempts, nextAttemptAt: options.nextAttemptAt ?? null, reason, at: options.at });
  db.prepare(
    `INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, actor_detail, reason, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(requestId, current.status, to, event, options.actor, options.actorDetail ?? null, options.reason ?? null, options.at);
  return to;
}

/** Staff and the cloud reset attempts when they send a request back to the robot. */
export function resetAttempts(db: Db, requestId: number): void {
  db.prepare('UPDATE loc_work SET attempts = 0, next_attempt_at = NULL WHERE loc_request_id = ?').run(requestId);
}

/**
 * Cross-sell requests the robot may work on now, oldest first: not finished in the cloud, and
 * locally new, queued, or failed with its backoff over. A request staff sent back (local queued)
 * is eligible even while the cloud still says needs_manual.
 */
export function eligibleRequests(db: Db, now: string, limit: number): number[] {
  return db
    .prepare(
      `SELECT r.id FROM loc_requests r LEFT JOIN loc_work w ON w.loc_request_id = r.id
       WHERE r.kind = 'crosssell' AND r.status <> 'done'
         AND (
           (w.loc_request_id IS NULL AND r.status IN ('new', 'queued', 'failed_retryable'))
           OR w.status IN ('new', 'queued')
           OR (w.status = 'failed_retryable' AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= @now))
         )
       ORDER BY r.requested_at, r.id LIMIT @limit`,
    )
    .pluck()
    .all({ now, limit }) as number[];
}

/** Requests a previous process left leased or running: it died mid-request. */
export function interruptedRequests(db: Db): number[] {
  return db.prepare(`SELECT loc_request_id FROM loc_work WHERE status IN ('leased', 'running') ORDER BY loc_request_id`).pluck().all() as number[];
}

export interface QueueCounts {
  waiting: number;
  retrying: number;
  working: number;
  needsManual: number;
  done: number;
}

export function queueCounts(db: Db): QueueCounts {
  const rows = db
    .prepare(
      `SELECT CASE WHEN r.status = 'done' THEN 'done' ELSE coalesce(w.status, r.status) END AS status, count(*) AS n
       FROM loc_requests r LEFT JOIN loc_work w ON w.loc_request_id = r.id
       WHERE r.kind = 'crosssell' GROUP BY 1`,
    )
    .all() as Array<{ status: LocStatus; n: number }>;
  const counts: QueueCounts = { waiting: 0, retrying: 0, working: 0, needsManual: 0, done: 0 };
  for (const { status, n } of rows) {
    if (status === 'new' || status === 'queued') counts.waiting += n;
    else if (status === 'failed_retryable') counts.retrying += n;
    else if (status === 'leased' || status === 'running') counts.working += n;
    else if (status === 'needs_manual') counts.needsManual += n;
    else counts.done += n;
  }
  return counts;
}
