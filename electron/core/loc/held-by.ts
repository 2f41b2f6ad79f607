import type { Db } from '../db/open';
import { formatZoned } from '../japan-time';
import { DEFAULT_TIME_ZONE } from '../shop/time-zone';
import { isHeld } from './state-machine';
import { workOf } from './transitions';

export interface Holder {
  /** The workstation whose robot holds the request, as the cloud names it. */
  holder: string;
  since: string;
  /** This workstation's own robot holds it (staff can ask it to stop here). */
  here: boolean;
}

/** This workstation's robot, as far as staff actions need it. */
export interface LocalRobot {
  readonly holder: string;
  holding(requestId: number): { holder: string; since: string } | null;
}

/**
 * Who holds the request now, if a robot does: this workstation's robot (it picked the request,
 * or its work row says leased or running), or another workstation's, as the cloud last said and
 * until the lease's expiry. Staff never finish a request underneath a robot.
 */
export function heldBy(db: Db, requestId: number, robot: LocalRobot | null, now: Date): Holder | null {
  const mine = robot?.holding(requestId);
  if (mine) return { ...mine, here: true };
  const work = workOf(db, requestId);
  if (work && isHeld(work.status)) {
    const since = db
      .prepare(`SELECT at, actor_detail FROM loc_transitions WHERE loc_request_id = ? AND event = 'lease' ORDER BY id DESC LIMIT 1`)
      .get(requestId) as { at: string; actor_detail: string | null } | undefined;
    return { holder: since?.actor_detail ?? '', since: since?.at ?? now.toISOString(), here: true };
  }
  const lease = db
    .prepare('SELECT lease_holder AS holder, lease_since AS since, lease_expires_at AS expiresAt FROM loc_requests WHERE id = ?')
    .get(requestId) as { holder: string | null; since: string | null; expiresAt: string | null } | undefined;
  if (!lease?.holder || !lease.expiresAt || new Date(lease.expiresAt).getTime() <= now.getTime()) return null;
  // Our own lease the feed has not yet seen released is not a hold: this robot no longer works it.
  if (robot && lease.holder === robot.holder) return null;
  return { holder: lease.holder, since: lease.since ?? lease.expiresAt, here: false };
}

/** The refusal staff read when a robot holds a request they tried to change, its time in the shop's zone. */
export function heldMessage(requestId: number, held: Holder, timeZone: string = DEFAULT_TIME_ZONE): string {
  const who = held.here ? `このワークステーションのロボット（${held.holder}）` : `別のワークステーションのロボット（${held.holder}）`;
  const ask = held.here ? '先に「ロボットを止める」で停止を依頼してください' : 'そのワークステーションで停止するか、終わるまでお待ちください';
  return `LOC 申請 ${requestId} は${who}が ${formatZoned(held.since, timeZone)} から処理中のため変更できません。${ask}`;
}
