import type { Db } from '../../db/open';
import type { RequestRef, SaidReason } from '../../robot/flow';
import { formatTokyo, zonedDateMinute } from '../../japan-time';
import type { CrosssellJob } from './job';

/** How long after a tap was done a repeat of it is not ordered again, unless its config says otherwise. */
export const DEFAULT_REPEAT_WINDOW_HOURS = 24;

interface Earlier {
  id: number;
  cloudStatus: string;
  completedAt: string | null;
  localStatus: string | null;
  localAt: string | null;
}

/**
 * A repeat tap: the same member tapped the same cross-sell config earlier, and that request is
 * still open or was done within the config's window before this one was tapped. It is decided
 * when the first run of an attempt begins, while the engine holds the member (no other request of
 * the member is being worked anywhere), against the earliest-first order the queue keeps, so
 * whichever workstation decides, the earlier tap is the one ordered. Returns the reason, which
 * staff see (its Japanese text and the same by name, reasons.repeatTapOpen / repeatTapDone), or null.
 */
export function repeatTapReason(db: Db, request: RequestRef, job: CrosssellJob): SaidReason | null {
  const windowMs = (job.config.repeatWindowHours ?? DEFAULT_REPEAT_WINDOW_HOURS) * 3_600_000;
  const tappedAt = new Date(request.requestedAt).getTime();
  const earlier = db
    .prepare(
      `SELECT r.id, r.status AS cloudStatus, r.completed_at AS completedAt, CASE WHEN w.follows_cloud = 1 THEN NULL ELSE w.status END AS localStatus, w.updated_at AS localAt
       FROM loc_requests r LEFT JOIN loc_work w ON w.loc_request_id = r.id
       WHERE r.member_id = @memberId AND r.kind = 'crosssell' AND r.crosssell_config_id = @configId
         AND (r.requested_at < @requestedAt OR (r.requested_at = @requestedAt AND r.id < @id))
       ORDER BY r.requested_at DESC, r.id DESC`,
    )
    .all({ memberId: request.memberId, configId: job.config.id, requestedAt: request.requestedAt, id: request.id }) as Earlier[];
  for (const e of earlier) {
    const doneAt = e.cloudStatus === 'done' ? (e.completedAt ?? e.localAt) : e.localStatus === 'done' ? e.localAt : null;
    const done = e.cloudStatus === 'done' || e.localStatus === 'done';
    if (!done) {
      return {
        text: `重複: 同じ会員が同じクロスセル「${job.config.name}」を先に申し込んでいます（LOC ${e.id}、まだ完了していません）。この申請では注文していません。必要なら手動で対応してください`,
        reason: { key: 'repeatTapOpen', params: [job.config.name, e.id] },
      };
    }
    if (doneAt !== null && tappedAt - new Date(doneAt).getTime() < windowMs) {
      return {
        text: `重複: 同じ会員の同じクロスセル「${job.config.name}」（LOC ${e.id}）が ${formatTokyo(doneAt)} に完了したばかりです。この申請では注文していません。必要なら手動で対応してください`,
        reason: { key: 'repeatTapDone', params: [job.config.name, e.id, zonedDateMinute(doneAt, 'Asia/Tokyo')] },
      };
    }
  }
  return null;
}
