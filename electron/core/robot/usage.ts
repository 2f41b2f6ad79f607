import type { Db } from '../db/open';
import { billingPeriod, tokyoDate } from './period';

export interface RobotCounts {
  /** Today in Japan time. */
  today: { done: number; needsManual: number; failedRetryable: number };
  /** Successes this workstation reported in the billing period (the shop is billed per success). */
  period: { period: string; done: number };
}

/** Counted from the robot's runs; a run's finish time decides its day and billing period. */
export function robotCounts(db: Db, now: Date): RobotCounts {
  const period = billingPeriod(now);
  const today = tokyoDate(now);
  const rows = db
    .prepare(`SELECT outcome, finished_at AS finishedAt FROM robot_runs WHERE finished_at IS NOT NULL AND finished_at >= ?`)
    .all(new Date(now.getTime() - 32 * 86_400_000).toISOString()) as Array<{ outcome: string; finishedAt: string }>;
  const counts: RobotCounts = { today: { done: 0, needsManual: 0, failedRetryable: 0 }, period: { period, done: 0 } };
  for (const row of rows) {
    const at = new Date(row.finishedAt);
    if (row.outcome === 'done' && billingPeriod(at) === period) counts.period.done += 1;
    if (tokyoDate(at) !== today) continue;
    if (row.outcome === 'done') counts.today.done += 1;
    else if (row.outcome === 'needs_manual') counts.today.needsManual += 1;
    else if (row.outcome === 'failed_retryable') counts.today.failedRetryable += 1;
  }
  return counts;
}
