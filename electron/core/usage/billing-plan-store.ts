import type { Db } from '../db/open';
import type { BillingPlan } from './billing-period';

/** A workstation not told otherwise counts by calendar month, as the usage the cloud is sent is kept. */
export const defaultBillingPlan: BillingPlan = { kind: 'calendar_month' };

export function readBillingPlan(db: Db): BillingPlan {
  const row = db.prepare('SELECT period_kind AS kind, plan_day AS day FROM billing_plan WHERE id = 1').get() as
    | { kind: BillingPlan['kind']; day: number | null }
    | undefined;
  if (!row) return defaultBillingPlan;
  return row.kind === 'plan_day' && row.day !== null ? { kind: 'plan_day', day: row.day } : { kind: 'calendar_month' };
}

export function saveBillingPlan(db: Db, plan: BillingPlan, at: string): void {
  db.prepare(
    `INSERT INTO billing_plan (id, period_kind, plan_day, updated_at) VALUES (1, @kind, @day, @at)
     ON CONFLICT (id) DO UPDATE SET period_kind = excluded.period_kind, plan_day = excluded.plan_day, updated_at = excluded.updated_at`,
  ).run({ kind: plan.kind, day: plan.kind === 'plan_day' ? plan.day : null, at });
}
