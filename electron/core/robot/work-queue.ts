import type { Db } from '../db/open';
import type { LocStatus } from '../sync/change-schemas';

export interface QueuedRequest {
  id: number;
  memberId: number;
  kind: string;
}

/**
 * Requests of the given kinds the robot may work on now, oldest first: not finished in the
 * cloud, and locally new, queued, or failed with its backoff over. A request staff sent back
 * (local queued) is eligible even while the cloud still says needs_manual; one another
 * workstation is working (the cloud says leased or running) is offered too, and its lease decides:
 * refused while held, given once that workstation is gone. A work row that follows the cloud
 * (its last change was refused) counts as none: the cloud's status decides. Oldest first matters
 * beyond fairness: a member's earlier tap is decided before a repeat of it.
 */
export function eligibleRequests(db: Db, now: string, kinds: readonly string[], limit: number): QueuedRequest[] {
  if (kinds.length === 0) return [];
  return db
    .prepare(
      `SELECT r.id, r.member_id AS memberId, r.kind FROM loc_requests r LEFT JOIN loc_work w ON w.loc_request_id = r.id
       WHERE r.kind IN (SELECT value FROM json_each(@kinds)) AND r.status <> 'done'
         AND (
           ((w.loc_request_id IS NULL OR w.follows_cloud = 1) AND r.status IN ('new', 'queued', 'failed_retryable', 'leased', 'running'))
           OR (w.follows_cloud = 0 AND w.status IN ('new', 'queued'))
           OR (w.follows_cloud = 0 AND w.status = 'failed_retryable' AND (w.next_attempt_at IS NULL OR w.next_attempt_at <= @now))
         )
       ORDER BY r.requested_at, r.id LIMIT @limit`,
    )
    .all({ now, limit, kinds: JSON.stringify(kinds) }) as QueuedRequest[];
}

/** Requests a previous process left leased or running: it died mid-request. */
export function interruptedRequests(db: Db): number[] {
  return db.prepare(`SELECT loc_request_id FROM loc_work WHERE status IN ('leased', 'running') AND follows_cloud = 0 ORDER BY loc_request_id`).pluck().all() as number[];
}

export interface QueueCounts {
  waiting: number;
  retrying: number;
  working: number;
  needsManual: number;
  done: number;
}

export function queueCounts(db: Db, kinds: readonly string[]): QueueCounts {
  const rows = db
    .prepare(
      `SELECT CASE WHEN r.status = 'done' THEN 'done'
                   WHEN (w.status IS NULL OR w.follows_cloud = 1) AND r.status IN ('leased', 'running') THEN 'queued'
                   WHEN w.follows_cloud = 1 THEN r.status
                   ELSE coalesce(w.status, r.status) END AS status, count(*) AS n
       FROM loc_requests r LEFT JOIN loc_work w ON w.loc_request_id = r.id
       WHERE r.kind IN (SELECT value FROM json_each(?)) GROUP BY 1`,
    )
    .all(JSON.stringify(kinds)) as Array<{ status: LocStatus; n: number }>;
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
