import { v4 as uuidv4 } from 'uuid';
import type { Db } from '../db/open';
import { canTransition } from '../robot/loc-state';
import { transition, workOf } from '../robot/work-queue';
import type { completionStatuses } from '../sync/change-schemas';
import { enqueueOperation } from '../sync/outbox';

export type CompletionStatus = (typeof completionStatuses)[number];

export interface StaffCompletion {
  completionStatus: CompletionStatus;
  note?: string | null;
  /** Who finished the requests, as staff typed it; journaled with each transition. */
  staff?: string | null;
  at: string;
}

/** Requests that cannot be completed, so nothing was: the caller names them to the clerk. */
export class CompletionRefused extends Error {
  override readonly name = 'CompletionRefused';
  constructor(
    readonly unknown: number[],
    readonly alreadyDone: number[],
  ) {
    const parts = [
      ...(unknown.length > 0 ? [`存在しない LOC 申請: ${unknown.join(', ')}`] : []),
      ...(alreadyDone.length > 0 ? [`完了済みの LOC 申請: ${alreadyDone.join(', ')}`] : []),
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
    for (const id of unique) {
      const work = workOf(db, id);
      if (!work) unknown.push(id);
      else if (!canTransition(work.status, 'complete_by_staff', 'staff')) alreadyDone.push(id);
    }
    if (unknown.length > 0 || alreadyDone.length > 0) throw new CompletionRefused(unknown, alreadyDone);
    const note = completion.note ?? null;
    for (const id of unique) {
      transition(db, id, 'complete_by_staff', {
        actor: 'staff',
        actorDetail: completion.staff ?? null,
        reason: note ? `${completion.completionStatus}: ${note}` : completion.completionStatus,
        at: completion.at,
      });
      enqueueOperation(db, {
        kind: 'loc.setStatus',
        payload: { requestId: id, status: 'done', completionStatus: completion.completionStatus, note },
        opId: uuidv4(),
      });
    }
  })();
  return unique;
}
