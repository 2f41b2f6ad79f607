import { v4 as uuidv4 } from 'uuid';
import type { Db } from '../db/open';
import { enqueueOperation } from '../sync/outbox';
import { coreReasons } from './reasons';
import { canTransition } from './state-machine';
import { resetAttempts, transition, workOf } from './transitions';

export class StaffActionError extends Error {
  override readonly name = 'StaffActionError';
}

/**
 * Staff send a request the robot gave up on back to it: attempts start again from zero, and
 * the cloud hears it is queued, in the same transaction.
 */
export function retryWithRobot(db: Db, requestId: number, at: string, who: string, note?: string): void {
  db.transaction(() => {
    const work = workOf(db, requestId);
    if (!work) throw new StaffActionError(`LOC 申請 ${requestId} はありません`);
    if (!canTransition(work.status, 'retry_by_staff', 'staff')) {
      throw new StaffActionError(`LOC 申請 ${requestId} は「${work.status}」のため、ロボットで再実行できません（要対応・再試行待ちのものだけです）`);
    }
    transition(db, requestId, 'retry_by_staff', { actor: 'staff', actorDetail: who, reason: note ?? 'ロボットで再実行', reasonData: note ? null : coreReasons.retryByStaff(), at });
    resetAttempts(db, requestId);
    enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId, status: 'queued', note: note ?? null }, opId: uuidv4() });
  })();
}
