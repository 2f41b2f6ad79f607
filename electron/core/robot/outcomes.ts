import type { Db } from '../db/open';
import { enqueueOperation, type EnqueueInput } from '../sync/outbox';
import { finishRun, startRun, stepDone, stepStarted } from './journal';
import { robotOperationId } from './op-ids';
import { transition, workOf } from './work-queue';

/**
 * How a worked request ends, each as one SQLite transaction: the local status, the run's
 * outcome and the operations the cloud must learn about commit together or not at all. That
 * is what makes tags, statuses and usage happen exactly once whatever is killed when.
 */
export interface FinishInput {
  requestId: number;
  runId: number;
  memberId: number;
  at: string;
  holder: string;
  tagsAdd: number[];
  tagsRemove: number[];
  /** Who the tag history should name. */
  tagSourceDetail: string;
  summary: string;
  /** YYYY-MM in Asia/Tokyo: the billing period the success counts towards. */
  period: string;
}

export function recordSuccess(db: Db, input: FinishInput): void {
  db.transaction(() => {
    const stepId = stepStarted(db, input.runId, 'finish', input.at);
    for (const tagId of input.tagsAdd) {
      enqueueOnce(db, input.requestId, `tag-add:${tagId}`, {
        kind: 'memberTag.add',
        payload: { memberId: input.memberId, tagId, source: 'robot', sourceDetail: input.tagSourceDetail },
      });
    }
    for (const tagId of input.tagsRemove) {
      enqueueOnce(db, input.requestId, `tag-remove:${tagId}`, {
        kind: 'memberTag.remove',
        payload: { memberId: input.memberId, tagId, source: 'robot', sourceDetail: input.tagSourceDetail },
      });
    }
    enqueueOnce(db, input.requestId, 'result:done', {
      kind: 'robot.runResult',
      payload: { requestId: input.requestId, outcome: 'done', message: input.summary },
    });
    enqueueOnce(db, input.requestId, 'usage', { kind: 'usage.increment', payload: { period: input.period, count: 1 } });
    transition(db, input.requestId, 'succeed', { actor: 'robot', actorDetail: input.holder, reason: input.summary, at: input.at });
    finishRun(db, input.runId, 'done', input.at);
    stepDone(db, stepId, { tagsAdded: input.tagsAdd, tagsRemoved: input.tagsRemove, period: input.period }, input.at);
  })();
}

export interface FailureInput {
  requestId: number;
  runId: number;
  at: string;
  holder: string;
  kind: 'business' | 'application';
  message: string;
  /** For application errors: when to try again, or null when the attempts are used up. */
  nextAttemptAt: string | null;
}

/** Returns the status the request ended in: failed_retryable or needs_manual. */
export function recordFailure(db: Db, input: FailureInput): 'failed_retryable' | 'needs_manual' {
  return db.transaction(() => {
    const base = { actor: 'robot' as const, actorDetail: input.holder, reason: input.message, at: input.at };
    let status: 'failed_retryable' | 'needs_manual';
    if (input.kind === 'business') {
      transition(db, input.requestId, 'fail_business', base);
      status = 'needs_manual';
    } else {
      transition(db, input.requestId, 'fail_application', { ...base, countAttempt: true, nextAttemptAt: input.nextAttemptAt });
      if (input.nextAttemptAt === null) {
        transition(db, input.requestId, 'give_up', base);
        status = 'needs_manual';
      } else {
        status = 'failed_retryable';
      }
    }
    finishRun(db, input.runId, status, input.at, { kind: input.kind, message: input.message });
    enqueueOnce(db, input.requestId, `result:${input.runId}`, {
      kind: 'robot.runResult',
      payload: { requestId: input.requestId, outcome: status, message: input.message.slice(0, 2000) },
    });
    return status;
  })();
}

/** The lease went away mid-request: back to the queue without telling the cloud anything. */
export function recordLeaseLost(db: Db, requestId: number, runId: number, at: string, holder: string): void {
  db.transaction(() => {
    transition(db, requestId, 'release', { actor: 'robot', actorDetail: holder, reason: 'リースが切れたため中断しました', at });
    finishRun(db, runId, 'failed_retryable', at, { kind: 'application', message: 'リースが切れたため中断しました' });
  })();
}

/**
 * The robot holds the cloud lease and begins: new or retrying requests are queued, leased and
 * started in one go, a run is opened, and the cloud is told the request is being worked.
 */
export function recordStart(db: Db, requestId: number, at: string, holder: string): number {
  return db.transaction(() => {
    const base = { actor: 'robot' as const, actorDetail: holder, at };
    const status = workOf(db, requestId)?.status;
    if (status === 'new') transition(db, requestId, 'queue', base);
    if (status === 'failed_retryable') transition(db, requestId, 'requeue', base);
    transition(db, requestId, 'lease', base);
    transition(db, requestId, 'start', base);
    const runId = startRun(db, requestId, at);
    enqueueOnce(db, requestId, `status-running:${runId}`, { kind: 'loc.setStatus', payload: { requestId, status: 'running' } });
    return runId;
  })();
}

/** Enqueues with an id derived from the request; an id still waiting in the outbox is not added again. */
function enqueueOnce(db: Db, requestId: number, purpose: string, input: EnqueueInput): string {
  const opId = robotOperationId(requestId, purpose);
  if (db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').pluck().get(opId) === undefined) enqueueOperation(db, { ...input, opId });
  return opId;
}
