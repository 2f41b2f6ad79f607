import type { Migration } from '../migrate';

/**
 * The shop's billing period for robot usage, set on the workstation: the calendar month (shops
 * billed by invoice) or from the card's payment day to the day before the next (shops paying by
 * card). One row; none means the calendar month.
 */
export const billingPlan: Migration = {
  version: 14,
  name: 'billing-plan',
  up(db) {
    db.exec(`
      CREATE TABLE billing_plan (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        period_kind TEXT NOT NULL CHECK (period_kind IN ('calendar_month', 'plan_day')),
        plan_day INTEGER CHECK (plan_day BETWEEN 1 AND 31),
        updated_at TEXT NOT NULL,
        CHECK ((period_kind = 'plan_day') = (plan_day IS NOT NULL))
      );
    `);
  },
};
