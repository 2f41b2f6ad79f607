import { v4 as uuidv4 } from 'uuid';
import type { Db } from '../db/open';
import { DEFAULT_TIME_ZONE, shopTimeZone } from '../shop/time-zone';
import { heldBy, heldMessage, type Holder, type LocalRobot } from './held-by';
import { coreReasons } from './reasons';
import { canTransition } from './state-machine';
import { transition, workOf } from './transitions';
import type { completionStatuses } from '../sync/change-schemas';
import { enqueueOperation } from '../sync/outbox';

export type CompletionStatus = (typeof completionStatuses)[number];

export interface StaffCompletion {
  completionStatus: CompletionStatus;
  note?: string | null;
  /** Who finished the requests, as staff typed it; journaled with each transition. */
  staff?: string | null;
  at: string;
  /** This workstation's robot, so a request it holds is refused. */
  robot?: LocalRobot | null;
}

/** Requests that cannot be completed, so nothing was: the caller names them to the clerk. */
export class CompletionRefused extends Error {
  override readonly name = 'CompletionRefused';
  constructor(
    readonly unknown: number[],
    readonly alreadyDone: number[],
    readonly held: Array<{ id: number } & Holder> = [],
    timeZone: string = DEFAULT_TIME_ZONE,
  ) {
    const parts = [
      ...(unknown.length > 0 ? [`存在しない LOC 申請: ${unknown.join(', ')}`] : []),
      ...(alreadyDone.length > 0 ? [`完了済みの LOC 申請: ${alreadyDone.join(', ')}`] : []),
      ...held.map((h) => heldMessage(h.id, h, timeZone)),
    ];
    super(`${parts.join(' / ')}。どの申請も変更していません`);
  }
}

/**
 * Staff finish requests by hand, one or many at once. All or nothing: a clerk who selected
 * twenty rows must not be left guessing which of them went through, so one unknown or
 * already finished request refuses the whole batch. Each request is journaled and its
 * outbox operation written in the same transaction, as the robot's own transitions are.
 */
export function completeByStaff(db: Db, ids: readonly number[], completion: StaffCompletion): number[] {
  const unique = [...new Set(ids)];
  db.transaction(() => {
    const unknown: number[] = [];
    const alreadyDone: number[] = [];
    const held: Array<{ id: number } & Holder> = [];
    const now = new Date(completion.at);
    for (const id of unique) {
      const work = workOf(db, id);
      const holder = work ? heldBy(db, id, completion.robot ?? null, now) : null;
      if (!work) unknown.push(id);
      else if (holder) held.push({ id, ...holder });
      else if (!canTransition(work.status, 'complete_by_staff', 'staff')) alreadyDone.push(id);
    }
    if (unknown.length > 0 || alreadyDone.length > 0 || held.length > 0) throw new CompletionRefused(unknown, alreadyDone, held, shopTimeZone(db));
    const note = completion.note ?? null;
    for (const id of unique) {
      transition(db, id, 'complete_by_staff', {
        actor: 'staff',
        actorDetail: completion.staff ?? null,
        reason: note ? `${completion.completionStatus}: ${note}` : completion.completionStatus,
        reasonData: coreReasons.completedByStaff(completion.completionStatus, note),
        at: completion.at,
      });
      enqueueOperation(db, {
        kind: 'loc.setStatus',
        payload: {
          requestId: id,
          status: 'done',
          completionStatus: completion.completionStatus,
          note,
          completedAt: completion.at,
          finishedBy: { kind: 'staff', name: completion.staff ?? null },
        },
        opId: uuidv4(),
      });
    }
  })();
  return unique;
}
