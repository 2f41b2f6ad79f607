import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refusalOf, resultOf } from '../../../test/fixtures/api-calls';
import { handlers } from '../api/handlers';
import { createApi, type Api } from '../api/registry';
import { openDatabase, type Db } from '../db/open';
import { createEventBus } from '../events';
import type { SyncService } from '../sync/types';
import { billingPeriodOf, type BillingPlan } from './billing-period';
import type { UsageAmount } from './usage-amount';

const calendar: BillingPlan = { kind: 'calendar_month' };
const day = (d: number): BillingPlan => ({ kind: 'plan_day', day: d });
/** A Japan wall-clock time as the instant it is. */
const jst = (local: string) => new Date(`${local}+09:00`);

describe('billingPeriodOf', () => {
  it('is the calendar month in Japan time for shops billed by invoice', () => {
    expect(billingPeriodOf(jst('2026-12-04T10:00:00'), calendar)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(billingPeriodOf(jst('2026-12-01T00:00:00'), calendar)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(billingPeriodOf(jst('2026-11-30T23:59:59'), calendar)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(billingPeriodOf(jst('2028-02-10T12:00:00'), calendar)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('runs from the payment day to the day before the next for shops paying by card', () => {
    expect(billingPeriodOf(jst('2026-12-14T23:59:59'), day(15))).toEqual({ from: '2026-11-15', to: '2026-12-14' });
    expect(billingPeriodOf(jst('2026-12-15T00:00:00'), day(15))).toEqual({ from: '2026-12-15', to: '2027-01-14' });
    expect(billingPeriodOf(jst('2027-01-10T08:00:00'), day(15))).toEqual({ from: '2026-12-15', to: '2027-01-14' });
    expect(billingPeriodOf(jst('2026-12-04T10:00:00'), day(1))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('takes a payment day past a short month\'s end as its last day', () => {
    expect(billingPeriodOf(jst('2027-02-27T12:00:00'), day(31))).toEqual({ from: '2027-01-31', to: '2027-02-27' });
    expect(billingPeriodOf(jst('2027-02-28T00:00:00'), day(31))).toEqual({ from: '2027-02-28', to: '2027-03-30' });
    expect(billingPeriodOf(jst('2027-04-30T09:00:00'), day(31))).toEqual({ from: '2027-04-30', to: '2027-05-30' });
    expect(billingPeriodOf(jst('2027-03-31T09:00:00'), day(30))).toEqual({ from: '2027-03-30', to: '2027-04-29' });
  });

  it('follows the Japan day, not the UTC one', () => {
    // 2026-12-14 15:30 UTC is already the 15th in Japan.
    expect(billingPeriodOf(new Date('2026-12-14T15:30:00Z'), day(15))).toEqual({ from: '2026-12-15', to: '2027-01-14' });
  });
});

describe('usage.get and usage.setPlan', () => {
  let db: Db;
  let api: Api;
  let now: Date;
  beforeEach(() => {
    db = openDatabase(':memory:', { quickCheck: false });
    now = jst('2026-12-20T12:00:00');
    api = createApi(handlers, { db, clock: { now: () => now }, events: createEventBus(), sync: {} as SyncService }, () => {});
    db.prepare(`INSERT INTO members (id, line_user_id, display_name, updated_at) VALUES (1, 'U1', 'a', 't')`).run();
    let run = 0;
    const request = (id: number, ...runs: Array<[outcome: string, finishedLocal: string]>) => {
      db.prepare(`INSERT INTO loc_requests (id, member_id, kind, status, requested_at, updated_at) VALUES (?, 1, 'crosssell', 'done', 't', 't')`).run(id);
      for (const [outcome, finished] of runs) {
        run += 1;
        db.prepare('INSERT INTO robot_runs (id, loc_request_id, attempt, started_at, finished_at, outcome) VALUES (?, ?, 1, ?, ?, ?)').run(
          run, id, jst(finished).toISOString(), jst(finished).toISOString(), outcome,
        );
      }
    };
    request(1, ['done', '2026-11-30T23:59:59.999']); // November; in a 15th-to-14th period, the one from 11-15
    request(2, ['done', '2026-12-01T00:00:00']); // first moment of December
    request(3, ['done', '2026-12-14T23:59:59']); // last moment of the period ending 12-14
    request(4, ['done', '2026-12-15T00:00:00']); // first moment of the period from 12-15
    request(5, ['failed_retryable', '2026-12-16T10:00:00'], ['done', '2026-12-16T10:05:00']);
    request(6, ['done', '2026-12-02T09:00:00'], ['done', '2026-12-18T09:00:00']); // reopened and done again: billed once, on 12-02
    request(7, ['needs_manual', '2026-12-17T10:00:00']);
    request(8, ['done', '2026-12-31T23:59:59']);
    request(9, ['done', '2027-01-01T00:00:00']);
  });
  afterEach(() => db.close());

  it('counts the calendar month by default and prices each success at 50 yen before tax', async () => {
    const usage = await resultOf<UsageAmount>(api, 'usage.get', {});
    // December: 2, 3, 4, 5, 6, 8.
    expect(usage).toEqual({ plan: calendar, period: { from: '2026-12-01', to: '2026-12-31' }, successes: 6, yenPerSuccess: 50, amountYen: 300, scope: 'workstation' });
  });

  it('counts from the payment day once the shop says it pays by card, and keeps the setting', async () => {
    const set = await resultOf<UsageAmount>(api, 'usage.setPlan', { plan: { kind: 'plan_day', day: 15 } });
    // 12-15 to 01-14: 4, 5, 8, 9 — not 6, first done on 12-02.
    expect(set).toMatchObject({ period: { from: '2026-12-15', to: '2027-01-14' }, successes: 4, amountYen: 200 });
    expect(await resultOf<UsageAmount>(api, 'usage.get', {})).toEqual(set);
    now = jst('2026-12-14T20:00:00');
    // 11-15 to 12-14: 1, 2, 3, 6.
    expect(await resultOf<UsageAmount>(api, 'usage.get', {})).toMatchObject({ period: { from: '2026-11-15', to: '2026-12-14' }, successes: 4, amountYen: 200 });
    await resultOf(api, 'usage.setPlan', { plan: { kind: 'calendar_month' } });
    expect(await resultOf<UsageAmount>(api, 'usage.get', {})).toMatchObject({ plan: calendar, period: { from: '2026-12-01', to: '2026-12-31' }, successes: 6 });
  });

  it('refuses a payment day that no month has', async () => {
    expect((await refusalOf(api, 'usage.setPlan', { plan: { kind: 'plan_day', day: 32 } })).kind).toBe('invalid_argument');
    expect((await refusalOf(api, 'usage.setPlan', { plan: { kind: 'plan_day' } })).kind).toBe('invalid_argument');
    expect(await resultOf<UsageAmount>(api, 'usage.get', {})).toMatchObject({ plan: calendar });
  });
});
