import type { Db } from '../db/open';
import type { Reason } from '../loc/reasons';
import { transition, workOf } from '../loc/transitions';
import { reasonRecord, type ReasonRecord } from '../sync/change-schemas';
import { enqueueOperation, type EnqueueInput } from '../sync/outbox';
import type { Enqueue, FlowFinish, RequestRef } from './flow';
import { finishRun, startRun, stepDone, stepStarted, type StartedRun } from './journal';
import { attemptPurpose, robotOperationId, runPurpose } from './op-ids';

/**
 * How a worked request ends, each as one SQLite transaction: the local status, the run's
 * outcome and the operations the cloud must learn about commit together or not at all. That
 * is what makes tags, statuses and usage happen exactly once whatever is killed when. Results
 * carry the lease id: the cloud takes a leased request's changes from its holder only.
 */
/** A finishing operation whose purpose starts with this happens once for the request, whatever the attempt. */
export const ONCE_PER_REQUEST = 'request:';

export interface RunRef {
  request: RequestRef;
  run: StartedRun;
  holder: string;
  leaseId: string;
  /** The workstation's name as the shop knows it: who finished a request the robot finished. */
  workstationName: string;
}

export function recordSuccess(db: Db, ref: RunRef, at: string, finish: (enqueue: Enqueue) => FlowFinish): string {
  return db.transaction(() => {
    const stepId = stepStarted(db, ref.run.runId, 'finish', at);
    // Billing and other once-per-request purposes say so by their name; the rest happen once per attempt.
    const enqueue: Enqueue = (purpose, input) =>
      enqueueOnce(db, ref.request.uid, purpose.startsWith(ONCE_PER_REQUEST) ? purpose : attemptPurpose(ref.request.generation, purpose), input);
    const { summary, summaryReason, completionStatus } = finish(enqueue);
    enqueue('result:done', {
      kind: 'robot.runResult',
      payload: {
        requestId: ref.request.id,
        outcome: 'done',
        message: summary.slice(0, 2000),
        ...cloudReason(summaryReason),
        completedAt: at,
        completionStatus: completionStatus ?? null,
        finishedBy: { kind: 'robot', name: ref.workstationName },
        leaseId: ref.leaseId,
      },
    });
    transition(db, ref.request.id, 'succeed', { actor: 'robot', actorDetail: ref.holder, reason: summary, reasonData: summaryReason ?? null, at });
    finishRun(db, ref.run.runId, 'done', at);
    stepDone(db, stepId, { summary }, at);
    return summary;
  })();
}

export interface FailureInput {
  at: string;
  kind: 'business' | 'application';
  message: string;
  /** The message as data, when it is a named one (the driver's messages, the engine's reasons). */
  reason?: Reason | null;
  /** For application errors: when to try again, or null when the attempts are used up. */
  nextAttemptAt: string | null;
}

/** Returns the status the request ended in: failed_retryable or needs_manual. */
export function recordFailure(db: Db, ref: RunRef, input: FailureInput): 'failed_retryable' | 'needs_manual' {
  return db.transaction(() => {
    const requestId = ref.request.id;
    const base = { actor: 'robot' as const, actorDetail: ref.holder, reason: input.message, reasonData: input.reason ?? null, at: input.at };
    let status: 'failed_retryable' | 'needs_manual';
    if (input.kind === 'business') {
      transition(db, requestId, 'fail_business', base);
      status = 'needs_manual';
    } else {
      transition(db, requestId, 'fail_application', { ...base, countAttempt: true, nextAttemptAt: input.nextAttemptAt });
      if (input.nextAttemptAt === null) {
        transition(db, requestId, 'give_up', base);
        status = 'needs_manual';
      } else {
        status = 'failed_retryable';
      }
    }
    finishRun(db, ref.run.runId, status, input.at, { kind: input.kind, message: input.message, reason: input.reason ?? null });
    reportResult(db, ref, status, input.message, input.reason ?? null);
    return status;
  })();
}

/** The request was not worked or was stopped on purpose: a person takes it from here. */
export function recordHandedOver(db: Db, ref: RunRef, event: 'repeat' | 'stop', message: string, at: string, reason: Reason | null = null): void {
  db.transaction(() => {
    transition(db, ref.request.id, event, { actor: 'robot', actorDetail: ref.holder, reason: message, reasonData: reason, at });
    finishRun(db, ref.run.runId, 'needs_manual', at, { kind: 'business', message, reason });
    reportResult(db, ref, 'needs_manual', message, reason);
  })();
}

/** The lease went away mid-request: back to the queue without telling the cloud anything. */
export function recordLeaseLost(db: Db, ref: RunRef, message: string, at: string, reason: Reason | null = null): void {
  db.transaction(() => {
    transition(db, ref.request.id, 'release', { actor: 'robot', actorDetail: ref.holder, reason: message, reasonData: reason, at });
    finishRun(db, ref.run.runId, 'failed_retryable', at, { kind: 'application', message, reason });
  })();
}

/**
 * The robot holds the cloud lease and begins: new or retrying requests are queued, leased and
 * started in one go, a run is opened, and the cloud is told the request is being worked. Null
 * when the request is no longer the robot's to work (staff finished it while the lease was asked for).
 */
export function recordStart(db: Db, request: Omit<RequestRef, 'generation'>, holder: string, leaseId: string, at: string): { request: RequestRef; run: StartedRun } | null {
  return db.transaction(() => {
    const base = { actor: 'robot' as const, actorDetail: holder, at };
    const work = workOf(db, request.id);
    if (!work || !['new', 'queued', 'failed_retryable'].includes(work.status)) return null;
    if (work.status === 'new') transition(db, request.id, 'queue', base);
    if (work.status === 'failed_retryable') transition(db, request.id, 'requeue', base);
    transition(db, request.id, 'lease', base);
    transition(db, request.id, 'start', base);
    const run = startRun(db, request.id, work.generation, holder, at);
    enqueueOnce(db, request.uid, runPurpose(run.runUid, 'running'), {
      kind: 'loc.setStatus',
      payload: { requestId: request.id, status: 'running', leaseId },
    });
    return { request: { ...request, generation: work.generation }, run };
  })();
}

function reportResult(db: Db, ref: RunRef, outcome: 'failed_retryable' | 'needs_manual', message: string, reason: Reason | null): void {
  enqueueOnce(db, ref.request.uid, runPurpose(ref.run.runUid, 'result'), {
    kind: 'robot.runResult',
    payload: { requestId: ref.request.id, outcome, message: message.slice(0, 2000), ...cloudReason(reason), leaseId: ref.leaseId },
  });
}

/**
 * A result's reason as the cloud keeps it: only its name and parameters (a driver's message also
 * carries its Japanese text, which the result's message already holds). Left out when there is
 * none, or when one of its texts is longer than the cloud takes, so a result is never refused for
 * the sake of its translation.
 */
function cloudReason(reason: Reason | null | undefined): { reason?: ReasonRecord } {
  if (!reason) return {};
  const plain = (r: Reason): ReasonRecord => ({ key: r.key, params: r.params.map((p) => (typeof p === 'object' ? plain(p) : p)) });
  const record = plain(reason);
  return reasonRecord.safeParse(record).success ? { reason: record } : {};
}

/** Enqueues with an id derived from the request; an id still waiting in the outbox is not added again. */
function enqueueOnce(db: Db, uid: string, purpose: string, input: EnqueueInput): string {
  const opId = robotOperationId(uid, purpose);
  if (db.prepare('SELECT 1 FROM outbox WHERE op_id = ?').pluck().get(opId) === undefined) enqueueOperation(db, { ...input, opId });
  return opId;
}
