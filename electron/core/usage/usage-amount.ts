import type { Db } from '../db/open';
import { billingPeriodOf, periodInstants, type BillingPeriod, type BillingPlan } from './billing-period';

/** Seed 000 ③: 50 yen, tax excluded, for each request the robot carries out successfully. */
export const YEN_PER_SUCCESS = 50;

export interface UsageAmount {
  plan: BillingPlan;
  period: BillingPeriod;
  /** Requests the robot carried out in the period: this workstation's, counted from its runs. */
  successes: number;
  yenPerSuccess: number;
  /** successes × yenPerSuccess, tax excluded. */
  amountYen: number;
}

/**
 * What the period's robot work costs. A request is billed once, when the robot first carries it
 * out (the usage sent to the cloud is once per request), so a request reopened and done again is
 * counted in the period of its first success only. Counted from this workstation's runs.
 */
export function usageAmount(db: Db, plan: BillingPlan, now: Date): UsageAmount {
  const period = billingPeriodOf(now, plan);
  const { start, end } = periodInstants(period);
  const successes = db
    .prepare(
      `SELECT count(*) FROM (
         SELECT loc_request_id, min(unixepoch(finished_at, 'subsec')) AS first FROM robot_runs
         WHERE outcome = 'done' AND finished_at IS NOT NULL GROUP BY loc_request_id
       ) WHERE first >= ? AND first < ?`,
    )
    .pluck()
    .get(start.getTime() / 1000, end.getTime() / 1000) as number;
  return { plan, period, successes, yenPerSuccess: YEN_PER_SUCCESS, amountYen: successes * YEN_PER_SUCCESS };
}
