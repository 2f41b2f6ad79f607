import type { Core } from '../../electron/core/app';
import type { CheckpointPhase } from '../../electron/core/robot/flow';
import { median, percentile } from '../stats';
import type { DriverCall } from './timed-drivers';

/** Where a cross-sell step began, acted and was journaled, as the robot's checkpoint hook saw it. */
export interface StepMark {
  requestId: number;
  step: string;
  phase: CheckpointPhase;
  at: number;
}

export interface Batch {
  contexts: number;
  requestIds: number[];
  /** The customer number each request orders for. */
  customers: Map<number, string>;
  wallMs: number;
  from: number;
  to: number;
}

/** Each run's seconds from start to finish, and the milliseconds from one run's finish to the next one's start. */
export function runTimes(core: Core, requestIds: number[]): [number[], number[]] {
  const rows = core.db
    .prepare(`SELECT started_at, finished_at FROM robot_runs WHERE outcome = 'done' AND loc_request_id IN (${requestIds.join(',')}) ORDER BY started_at`)
    .all() as Array<{ started_at: string; finished_at: string }>;
  const runs = rows.map((r) => [Date.parse(r.started_at), Date.parse(r.finished_at)] as const);
  return [runs.map(([start, end]) => (end - start) / 1000), runs.slice(1).map(([start], i) => start - runs[i]![1])];
}

/** What a run spends besides its driver calls: journal, LINE, and waiting for the site throttle. */
export function outsideNote(batch: Batch, marks: StepMark[], calls: DriverCall[]): string {
  const outside = batch.requestIds.flatMap((requestId) => {
    const own = marks.filter((m) => m.requestId === requestId).map((m) => m.at);
    if (own.length === 0) return [];
    const [from, to] = [Math.min(...own), Math.max(...own)];
    // With several contexts other workers' calls overlap; only this run's worker is counted.
    const worker = calls.find((c) => c.method === 'findCustomer' && c.subject === batch.customers.get(requestId) && c.startedAt >= from && c.startedAt <= to)?.worker;
    if (worker === undefined) return [];
    return [to - from - sum(calls.filter((c) => c.worker === worker && c.startedAt >= from && c.startedAt <= to).map((c) => c.ms))];
  });
  return `${batch.contexts} context(s): in a run, outside its driver calls (journal, LINE, site throttle): median ${Math.round(median(outside))} ms, p95 ${Math.round(percentile(outside, 95))} ms over ${outside.length}`;
}

export function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

export function stepNotes(marks: StepMark[], requestIds: number[]): string[] {
  const wanted = new Set(requestIds);
  const spans = new Map<string, number[]>();
  for (const started of marks.filter((m) => wanted.has(m.requestId) && m.phase === 'started')) {
    const acted = marks.find((m) => m.requestId === started.requestId && m.step === started.step && m.phase === 'acted' && m.at >= started.at);
    if (!acted) continue;
    spans.set(started.step, [...(spans.get(started.step) ?? []), acted.at - started.at]);
  }
  return [...spans].map(([step, ms]) => `step ${step}: median ${Math.round(median(ms))} ms over ${ms.length}`);
}

export function callNotes(calls: DriverCall[]): string[] {
  const byMethod = new Map<string, number[]>();
  for (const c of calls) byMethod.set(c.method, [...(byMethod.get(c.method) ?? []), c.ms]);
  return [...byMethod].map(([method, ms]) => `driver ${method}: median ${Math.round(median(ms))} ms, max ${Math.round(Math.max(...ms))} ms over ${ms.length}`);
}
