import type { Db } from '../db/open';
import { readWorkstationName } from '../instance/workstation-name';
import { coreReasons, type Reason } from './reasons';
import { canTransition } from './state-machine';
import { transition, workOf } from './transitions';

/** The operations that carry a change of a LOC request's status made on this workstation. */
const LOC_KINDS = new Set(['loc.setStatus', 'loc.reopen', 'robot.runResult']);

export interface RefusedOperation {
  opId: string;
  kind: string;
  /** The payload as the outbox keeps it (JSON). */
  payload: string;
  /** The cloud's code for the refusal, and its words. */
  code: string | null;
  reason: string;
}

interface LocPayload {
  requestId?: unknown;
  status?: unknown;
  completionStatus?: unknown;
  leaseId?: unknown;
}

/**
 * The cloud refused a change this workstation made to a request (design §2: what the screens show
 * is server state with pending operations on top, and a refused one is no longer pending). The
 * request's own status stops being applied: its work row follows the cloud again, so the screens,
 * staff's next action and the robot all see what the cloud says, now and as the feed moves on.
 * The refusal is journaled on the request, who made the change and why the cloud refused it, in
 * the transaction that records the refusal in the outbox. A request another operation still
 * waits to change is left to that one; a request this workstation's robot is working on is left
 * to its lease. Returns the request's id when it was changed, for the screens to redraw it.
 */
export function followCloudAfterRefusal(db: Db, op: RefusedOperation, at: string): number | null {
  if (!LOC_KINDS.has(op.kind)) return null;
  const payload = parse(op.payload);
  const requestId = typeof payload?.requestId === 'number' && Number.isInteger(payload.requestId) ? payload.requestId : null;
  if (requestId === null) return null;
  const work = workOf(db, requestId);
  if (!work || !canTransition(work.status, 'refused_by_cloud', 'cloud')) return null;
  if (stillPending(db, requestId, op.opId)) return null;
  const byRobot = op.kind === 'robot.runResult' || typeof payload?.leaseId === 'string';
  const who = byRobot ? coreReasons.robotOn(readWorkstationName(db).name) : staffOf(db, requestId);
  const change = changeOf(op.kind, payload ?? {});
  transition(db, requestId, 'refused_by_cloud', {
    actor: 'cloud',
    reason: `クラウドが${japaneseOf(who)}の「${japaneseOf(change)}」を受け付けませんでした（${op.reason}）`,
    reasonData: coreReasons.refusedByCloud(who, change, op.code ?? 'other'),
    journalOnly: true,
    at,
  });
  return requestId;
}

function parse(payload: string): LocPayload | null {
  try {
    const value = JSON.parse(payload) as unknown;
    return typeof value === 'object' && value !== null ? (value as LocPayload) : null;
  } catch {
    return null;
  }
}

function stillPending(db: Db, requestId: number, opId: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM outbox WHERE state = 'pending' AND op_id <> ? AND kind IN ('loc.setStatus', 'loc.reopen', 'robot.runResult')
           AND json_valid(payload) AND json_extract(payload, '$.requestId') = ? LIMIT 1`,
      )
      .get(opId, requestId) !== undefined
  );
}

/** The staff member who last changed the request here, by the name they gave; unnamed staff when they gave none. */
function staffOf(db: Db, requestId: number): string | Reason {
  const name = db
    .prepare(`SELECT actor_detail FROM loc_transitions WHERE loc_request_id = ? AND actor = 'staff' ORDER BY id DESC LIMIT 1`)
    .pluck()
    .get(requestId) as string | null | undefined;
  return name?.trim() || coreReasons.someStaff();
}

function changeOf(kind: string, payload: LocPayload): Reason {
  if (kind === 'loc.reopen') return coreReasons.reopenChange();
  if (kind === 'robot.runResult') return coreReasons.robotResultChange();
  if (payload.status === 'done' && typeof payload.completionStatus === 'string') return coreReasons.completedByStaff(payload.completionStatus, null);
  if (payload.status === 'queued') return coreReasons.retryByStaff();
  return coreReasons.statusChange();
}

/** The Japanese the journal's text says for the parts of a refusal (the screens say them from their catalogs). */
const japanese: Record<string, string> = {
  someStaff: 'スタッフ',
  reopenChange: '再開',
  robotResultChange: 'ロボットの結果',
  retryByStaff: 'ロボットでの再実行',
  statusChange: '状態の変更',
};

function japaneseOf(part: string | Reason): string {
  if (typeof part === 'string') return part;
  if (part.key === 'robotOn') return `ロボット（${String(part.params[0])}）`;
  if (part.key === 'completedByStaff') return String(part.params[0]);
  return japanese[part.key] ?? part.key;
}
