import type { Db } from '../db/open';
import { hasBegunInAttempt } from '../robot/journal';
import { heldBy, type LocalRobot } from './held-by';
import { coreReasons } from './reasons';
import { markStopRequested, transition, workOf } from './transitions';

export class StopRefused extends Error {
  override readonly name = 'StopRefused';
  constructor(
    readonly kind: 'unknown' | 'not_held' | 'elsewhere' | 'past_point_of_no_return',
    message: string,
  ) {
    super(message);
  }
}

export interface StopRequest {
  staff?: string | null;
  at: string;
  robot: LocalRobot | null;
  /** The step after whose start the request must be finished by the robot (the flow's point of no return). */
  pointOfNoReturn: (requestId: number) => string | null;
}

/**
 * Staff ask this workstation's robot to stop working a request so they can finish it by hand.
 * The robot honours it at its next step boundary, but only while what would charge or message the
 * customer (the flow's point of no return, e.g. create_order) has not begun in this attempt:
 * after that the order exists, and the robot must finish what it began. The request is journaled
 * as staff's, and the stop itself as the robot's, so the journal shows both.
 */
export function requestStop(db: Db, id: number, request: StopRequest): 'requested' {
  return db.transaction(() => {
    const work = workOf(db, id);
    if (!work) throw new StopRefused('unknown', `LOC 申請 ${id} はありません`);
    const held = heldBy(db, id, request.robot, new Date(request.at));
    if (!held) throw new StopRefused('not_held', `LOC 申請 ${id} はロボットが処理していないため、止める必要はありません`);
    if (!held.here) {
      throw new StopRefused('elsewhere', `LOC 申請 ${id} は別のワークステーションのロボット（${held.holder}）が処理中です。そのワークステーションで停止してください`);
    }
    const step = request.pointOfNoReturn(id);
    if (step !== null && hasBegunInAttempt(db, id, work.generation, step)) {
      throw new StopRefused(
        'past_point_of_no_return',
        `LOC 申請 ${id} はロボットが注文を作成済み（または作成中）のため止められません。ロボットが終えるまでお待ちください`,
      );
    }
    if (!['new', 'queued', 'leased', 'running'].includes(work.status)) {
      throw new StopRefused('not_held', `LOC 申請 ${id} はロボットが処理していないため、止める必要はありません`);
    }
    transition(db, id, 'stop_requested', { actor: 'staff', actorDetail: request.staff ?? null, reason: 'ロボットに停止を依頼', reasonData: coreReasons.stopRequested(), at: request.at });
    markStopRequested(db, id, request.at, request.staff ?? null);
    return 'requested' as const;
  })();
}
