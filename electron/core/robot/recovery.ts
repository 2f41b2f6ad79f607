import type { Db } from '../db/open';
import { coreReasons } from '../loc/reasons';
import { transition, workOf } from '../loc/transitions';
import { closeInterruptedRuns } from './journal';
import { interruptedRequests } from './work-queue';

/**
 * Requests a previous process left leased or running: it died working them. Run when the core
 * opens, while the data folder's lock guarantees no robot of this folder is working anything, so
 * they go back to the queue (or to staff, when staff had asked the robot to stop) and are never
 * shown as held by a robot that is gone.
 */
export function recoverInterrupted(db: Db, holder: string | null, at: string, log: (line: string) => void): number[] {
  const ids = interruptedRequests(db);
  for (const requestId of ids) {
    db.transaction(() => {
      closeInterruptedRuns(db, requestId, at);
      const stop = workOf(db, requestId)?.stopRequestedAt != null;
      transition(db, requestId, stop ? 'stop' : 'recover', {
        actor: 'robot',
        actorDetail: holder,
        reason: stop ? 'スタッフの依頼で停止しました' : '再起動後に再開します',
        reasonData: stop ? coreReasons.stoppedByStaff() : coreReasons.resumedAfterRestart(),
        at,
      });
    })();
    log(`robot: 中断していた LOC ${requestId} を再開します`);
  }
  return ids;
}
