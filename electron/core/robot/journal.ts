import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import { reasonColumns, type Reason } from '../loc/reasons';

/**
 * The step journal (design.md §4): every step of a flow is written down before it runs and
 * after it has. Steps are journaled per attempt (a reopened request is a new attempt, whose
 * steps all run again), so a run that was killed resumes at the first step of its attempt not
 * known to be done and reuses what the done steps found out.
 */
export type RunOutcome = 'done' | 'failed_retryable' | 'needs_manual';

export interface StartedRun {
  runId: number;
  /** Names the run's own outbox operations: no run of any workstation shares it. */
  runUid: string;
  generation: number;
}

export function startRun(db: Db, requestId: number, generation: number, holder: string, at: string): StartedRun {
  const attempt = (db.prepare('SELECT count(*) FROM robot_runs WHERE loc_request_id = ?').pluck().get(requestId) as number) + 1;
  const runUid = randomUUID();
  const runId = Number(
    db
      .prepare('INSERT INTO robot_runs (loc_request_id, attempt, started_at, generation, run_uid, holder) VALUES (?, ?, ?, ?, ?, ?)')
      .run(requestId, attempt, at, generation, runUid, holder).lastInsertRowid,
  );
  return { runId, runUid, generation };
}

/** Whether an earlier run of this attempt exists: only the first run of an attempt decides whether to work it at all. */
export function isFirstRun(db: Db, requestId: number, generation: number): boolean {
  return (db.prepare('SELECT count(*) FROM robot_runs WHERE loc_request_id = ? AND generation = ?').pluck().get(requestId, generation) as number) <= 1;
}

export function finishRun(
  db: Db,
  runId: number,
  outcome: RunOutcome,
  at: string,
  error?: { kind: 'business' | 'application'; message: string; reason?: Reason | null },
): void {
  const { reasonKey, reasonParams } = reasonColumns(error?.reason);
  db.prepare('UPDATE robot_runs SET finished_at = ?, outcome = ?, error_kind = ?, error_message = ?, error_key = ?, error_params = ? WHERE id = ?').run(
    at,
    outcome,
    error?.kind ?? null,
    error?.message ?? null,
    reasonKey,
    reasonParams,
    runId,
  );
}

/** Runs a previous process started and never finished: closed as interrupted. */
export function closeInterruptedRuns(db: Db, requestId: number, at: string): void {
  db.prepare(
    `UPDATE robot_runs SET finished_at = ?, outcome = 'failed_retryable', error_kind = 'application',
       error_message = '処理中にロボットが停止しました（再開します）', error_key = 'robotInterrupted', error_params = '[]'
     WHERE loc_request_id = ? AND finished_at IS NULL`,
  ).run(at, requestId);
  db.prepare(
    `UPDATE run_steps SET state = 'failed', finished_at = ?, detail = coalesce(detail, '"interrupted"')
     WHERE state = 'started' AND run_id IN (SELECT id FROM robot_runs WHERE loc_request_id = ?)`,
  ).run(at, requestId);
}

export function stepStarted(db: Db, runId: number, step: string, at: string): number {
  return Number(db.prepare(`INSERT INTO run_steps (run_id, step, state, started_at) VALUES (?, ?, 'started', ?)`).run(runId, step, at).lastInsertRowid);
}

export function stepDone(db: Db, stepId: number, detail: unknown, at: string): void {
  db.prepare(`UPDATE run_steps SET state = 'done', finished_at = ?, detail = ? WHERE id = ?`).run(at, JSON.stringify(detail ?? null), stepId);
}

export function stepFailed(
  db: Db,
  stepId: number,
  message: string,
  at: string,
  artifacts?: { screenshot: string | null; trace: string | null },
  reason?: Reason | null,
): void {
  db.prepare(`UPDATE run_steps SET state = 'failed', finished_at = ?, detail = ?, screenshot_path = ?, trace_path = ? WHERE id = ?`).run(
    at,
    JSON.stringify(reason ? { error: message, reason } : { error: message }),
    artifacts?.screenshot ?? null,
    artifacts?.trace ?? null,
    stepId,
  );
}

/** What each step of the attempt found out the last time it finished. */
export function doneSteps(db: Db, requestId: number, generation: number): Map<string, unknown> {
  const rows = db
    .prepare(
      `SELECT s.step, s.detail FROM run_steps s JOIN robot_runs r ON r.id = s.run_id
       WHERE r.loc_request_id = ? AND r.generation = ? AND s.state = 'done' ORDER BY s.id`,
    )
    .all(requestId, generation) as Array<{ step: string; detail: string | null }>;
  return new Map(rows.map((r) => [r.step, r.detail === null ? null : (JSON.parse(r.detail) as unknown)]));
}

export interface StepEntry {
  generation: number;
  state: 'started' | 'done' | 'failed';
  startedAt: string;
  detail: unknown;
}

/** Every journal entry of one step of the request, over all attempts, oldest first. */
export function stepHistory(db: Db, requestId: number, step: string): StepEntry[] {
  const rows = db
    .prepare(
      `SELECT r.generation, s.state, s.started_at AS startedAt, s.detail FROM run_steps s JOIN robot_runs r ON r.id = s.run_id
       WHERE r.loc_request_id = ? AND s.step = ? ORDER BY s.id`,
    )
    .all(requestId, step) as Array<Omit<StepEntry, 'detail'> & { detail: string | null }>;
  return rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
}

/** Whether a step was ever begun in the given attempt of the request, finished or not. */
export function hasBegunInAttempt(db: Db, requestId: number, generation: number, step: string): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM run_steps s JOIN robot_runs r ON r.id = s.run_id
         WHERE r.loc_request_id = ? AND r.generation = ? AND s.step = ? LIMIT 1`,
      )
      .pluck()
      .get(requestId, generation, step) === 1
  );
}
