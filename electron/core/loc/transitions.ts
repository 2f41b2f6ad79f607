import type { Db } from '../db/open';
import type { LocStatus } from '../sync/change-schemas';
import { reasonColumns, readReason, type Reason } from './reasons';
import { nextStatus, type LocActor, type LocEvent } from './state-machine';

export interface WorkRow {
  requestId: number;
  status: LocStatus;
  attempts: number;
  nextAttemptAt: string | null;
  reason: string | null;
  /** The reason as data, when it was given as one. */
  reasonData: Reason | null;
  /** The attempt the request is on: 1, and one more at every reopen. */
  generation: number;
  /** When staff asked the robot to stop working the request, if they did and it has not yet. */
  stopRequestedAt: string | null;
}

export interface TransitionOptions {
  actor: LocActor;
  actorDetail?: string | null;
  reason?: string | null;
  /** The same reason as data (a message's name and parameters), for the screens to say in the viewer's language. */
  reasonData?: Reason | null;
  at: string;
  /** For fail_application: when the request may be tried again. */
  nextAttemptAt?: string | null;
  /** Count this transition as one more attempt. */
  countAttempt?: boolean;
  /**
   * Journal the reason only: the request is left waiting for no reason of its own, so the screens
   * say the cloud's (the cloud's refusal of a change made here).
   */
  journalOnly?: boolean;
}

/**
 * The local status of a request: its own work row, else what the cloud says (server state). A
 * work row whose last change the cloud refused follows the cloud again (follows_cloud): its
 * status is the server's, whatever the feed brings later, until this workstation changes the
 * request again; its attempts and generation stay its own.
 */
export function workOf(db: Db, requestId: number): WorkRow | undefined {
  const own = db
    .prepare(
      `SELECT loc_request_id AS requestId, status, attempts, next_attempt_at AS nextAttemptAt, reason, generation,
              stop_requested_at AS stopRequestedAt, reason_key AS reasonKey, reason_params AS reasonParams, follows_cloud AS followsCloud
       FROM loc_work WHERE loc_request_id = ?`,
    )
    .get(requestId) as (Omit<WorkRow, 'reasonData'> & { reasonKey: string | null; reasonParams: string | null; followsCloud: number }) | undefined;
  if (own) {
    const { reasonKey, reasonParams, followsCloud, ...row } = own;
    const status = followsCloud === 1 ? (cloudStatusOf(db, requestId) ?? row.status) : row.status;
    return { ...row, status, reasonData: readReason(reasonKey, reasonParams) };
  }
  const server = cloudStatusOf(db, requestId);
  if (server === undefined) return undefined;
  return { requestId, status: server, attempts: 0, nextAttemptAt: null, reason: null, reasonData: null, generation: 1, stopRequestedAt: null };
}

/** What the cloud last said of the request, as this workstation sees it; undefined when the replica has no such request. */
export function cloudStatusOf(db: Db, requestId: number): LocStatus | undefined {
  const server = db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(requestId) as LocStatus | undefined;
  // Leased or running in the cloud, and not by this workstation: whether a robot still holds it is the
  // lease's to say (held-by.ts); to this workstation it is a request waiting for someone.
  return server === 'leased' || server === 'running' ? 'queued' : server;
}

/**
 * Moves a request along the state machine and journals who did it. Call it inside the
 * transaction that makes the matching outbox entries, so the two commit together. A stop request
 * lasts while the request waits for or is in the robot's hands, and ends when it leaves them.
 */
export function transition(db: Db, requestId: number, event: LocEvent, options: TransitionOptions): LocStatus {
  const current = workOf(db, requestId);
  if (!current) throw new Error(`LOC 申請 ${requestId} はありません`);
  const cloud = event === 'refused_by_cloud' ? cloudStatusOf(db, requestId) : undefined;
  const to = nextStatus(current.status, event, options.actor, cloud);
  const attempts = current.attempts + (options.countAttempt ? 1 : 0);
  // A request waiting for a person keeps the one reason it waits for; a new reason replaces it whole, text and data.
  const given = options.reason != null && !options.journalOnly;
  const keep = !given && !options.journalOnly && (to === 'needs_manual' || to === 'failed_retryable');
  const reason = given ? options.reason! : keep ? current.reason : null;
  const stored = reasonColumns(given ? options.reasonData : keep ? current.reasonData : null);
  const generation = current.generation + (event === 'reopen_by_staff' ? 1 : 0);
  const stopRequestedAt = to === 'queued' || to === 'leased' || to === 'running' ? current.stopRequestedAt : null;
  // After a refusal the row follows the cloud; any change made here takes the request back.
  const followsCloud = event === 'refused_by_cloud' ? 1 : 0;
  db.prepare(
    `INSERT INTO loc_work (loc_request_id, status, attempts, next_attempt_at, reason, reason_key, reason_params, updated_at, generation, stop_requested_at, follows_cloud)
     VALUES (@requestId, @to, @attempts, @nextAttemptAt, @reason, @reasonKey, @reasonParams, @at, @generation, @stopRequestedAt, @followsCloud)
     ON CONFLICT (loc_request_id) DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
       next_attempt_at = excluded.next_attempt_at, reason = excluded.reason, reason_key = excluded.reason_key,
       reason_params = excluded.reason_params, updated_at = excluded.updated_at,
       generation = excluded.generation, stop_requested_at = excluded.stop_requested_at, follows_cloud = excluded.follows_cloud`,
  ).run({ requestId, to, attempts, nextAttemptAt: options.nextAttemptAt ?? null, reason, ...stored, at: options.at, generation, stopRequestedAt, followsCloud });
  const journaled = reasonColumns(options.reason != null ? options.reasonData : null);
  db.prepare(
    `INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, actor_detail, reason, reason_key, reason_params, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(requestId, current.status, to, event, options.actor, options.actorDetail ?? null, options.reason ?? null, journaled.reasonKey, journaled.reasonParams, options.at);
  return to;
}

/** Staff and the cloud reset attempts when they send a request back to the robot. */
export function resetAttempts(db: Db, requestId: number): void {
  db.prepare('UPDATE loc_work SET attempts = 0, next_attempt_at = NULL WHERE loc_request_id = ?').run(requestId);
}

/** Staff asked the robot to stop: kept on the work row, so a restart honours it too. */
export function markStopRequested(db: Db, requestId: number, at: string, who: string | null): void {
  db.prepare('UPDATE loc_work SET stop_requested_at = ?, stop_requested_by = ? WHERE loc_request_id = ?').run(at, who, requestId);
}
