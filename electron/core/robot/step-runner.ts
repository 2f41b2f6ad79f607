import { DriverError } from '../../../automation/cart-driver';
import type { Db } from '../db/open';
import { coreReasons } from '../loc/reasons';
import { doneSteps, stepDone, stepFailed, stepHistory, stepStarted } from './journal';
import type { Checkpoint, FlowContext, RequestRef } from './flow';
import { PausedError, reasonOf, StopRequestedError } from './robot-error';

export interface StepRunnerOptions {
  db: Db;
  request: RequestRef;
  runId: number;
  now: () => string;
  assertLease: () => void;
  /** True when the robot is stopping at the next step boundary (the night window closed). */
  pauseHere?: () => boolean;
  pointOfNoReturn: string | null;
  checkpoint?: Checkpoint | undefined;
  /** Told each step's name as it begins, for the robot's status. */
  onStep?: (step: string) => void;
}

/**
 * The engine's journaled step (FlowContext.step). Before a step begins the lease is checked and,
 * while the flow's point of no return has not begun in this attempt, a stop staff asked for is
 * honoured: nothing that charges or messages the customer ever starts without both.
 */
export function createStepRunner(options: StepRunnerOptions): FlowContext['step'] {
  const { db, request } = options;
  const done = doneSteps(db, request.id, request.generation);
  const stopRequested = db.prepare('SELECT stop_requested_at FROM loc_work WHERE loc_request_id = ?').pluck();
  const begun = (step: string) => stepHistory(db, request.id, step).some((e) => e.generation === request.generation);

  return async <T>(name: string, body: (info: Parameters<Parameters<FlowContext['step']>[1]>[0]) => Promise<T>): Promise<T> => {
    if (done.has(name)) return done.get(name) as T;
    options.assertLease();
    const beforePointOfNoReturn = options.pointOfNoReturn === null || !begun(options.pointOfNoReturn);
    if (options.pauseHere?.() && beforePointOfNoReturn) {
      throw new PausedError('night_end', `夜間の時間帯が終わったため LOC 申請 ${request.id} を次の夜に回しました`, coreReasons.pausedForNight(request.id));
    }
    if (stopRequested.get(request.id) != null && beforePointOfNoReturn) {
      throw new StopRequestedError(`スタッフの依頼で LOC 申請 ${request.id} の処理を止めました`);
    }
    const earlier = stepHistory(db, request.id, name);
    const resumed = earlier.some((e) => e.generation === request.generation);
    const id = stepStarted(db, options.runId, name, options.now());
    options.onStep?.(name);
    await options.checkpoint?.(name, 'started', request.id);
    let result: T;
    try {
      result = await body({ resumed, earlier });
    } catch (error) {
      const artifacts = error instanceof DriverError ? error.artifacts : null;
      stepFailed(
        db,
        id,
        messageOf(error),
        options.now(),
        { screenshot: artifacts?.screenshot ?? null, trace: artifacts?.traces.at(-1) ?? null },
        reasonOf(error),
      );
      throw error;
    }
    await options.checkpoint?.(name, 'acted', request.id);
    stepDone(db, id, result, options.now());
    done.set(name, result);
    await options.checkpoint?.(name, 'journaled', request.id);
    return result;
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
