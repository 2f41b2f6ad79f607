import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { readBillingPlan, saveBillingPlan } from '../../electron/core/usage/billing-plan-store';
import { memoryAt } from '../fixtures/migrated';

describe('migration 14: the shop\'s billing period', () => {
  it('opens a version 8 replica with the calendar month, then keeps the one plan the shop sets', () => {
    const db = memoryAt(8);
    migrate(db, migrations, 14);
    expect(schemaVersion(db)).toBe(14);
    expect(readBillingPlan(db)).toEqual({ kind: 'calendar_month' });
    saveBillingPlan(db, { kind: 'plan_day', day: 15 }, '2026-12-04T00:00:00.000Z');
    saveBillingPlan(db, { kind: 'plan_day', day: 20 }, '2026-12-05T00:00:00.000Z');
    expect(readBillingPlan(db)).toEqual({ kind: 'plan_day', day: 20 });
    expect(db.prepare('SELECT count(*) FROM billing_plan').pluck().get()).toBe(1);
  });

  it('refuses a payment day out of range, a plan day without its day, or a second row', () => {
    const db = memoryAt(14);
    const insert = db.prepare('INSERT INTO billing_plan (id, period_kind, plan_day, updated_at) VALUES (?, ?, ?, ?)');
    expect(() => insert.run(1, 'plan_day', 32, 't')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'plan_day', null, 't')).toThrow(/CHECK/);
    expect(() => insert.run(1, 'calendar_month', 5, 't')).toThrow(/CHECK/);
    expect(() => insert.run(2, 'calendar_month', null, 't')).toThrow(/CHECK/);
  });
});
