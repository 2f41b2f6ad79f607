/**
 * The shop's robot usage is billed per success over one of two periods (seed 000 ③): shops paying
 * by card (フリープラン, LINE公式アカウント機能拡張プラン) from their payment day to the day before the
 * next one, shops paying by invoice (オートコールセンタープラン) from the 1st to the month's end.
 * Days are Japan days.
 */
export type BillingPlan = { kind: 'calendar_month' } | { kind: 'plan_day'; day: number };

/** A period of Japan days, both ends included, as YYYY-MM-DD. */
export interface BillingPeriod {
  from: string;
  to: string;
}

const dayInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A month and a day as the calendar holds them; Date.UTC carries a day past the month's end into the next. */
const ymd = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * A payment day past a month's end (the 31st in a 30-day month, the 29th to 31st in February) is
 * that month's last day, as a card charged monthly is.
 */
function paymentDay(year: number, month: number, day: number): string {
  return ymd(year, month, Math.min(day, daysIn(year, month)));
}

/** The billing period the moment falls in, for the shop's plan. */
export function billingPeriodOf(at: Date, plan: BillingPlan): BillingPeriod {
  const [year, month, day] = dayInTokyo.format(at).split('-').map(Number) as [number, number, number];
  if (plan.kind === 'calendar_month') return { from: ymd(year, month, 1), to: ymd(year, month, daysIn(year, month)) };
  const thisMonths = paymentDay(year, month, plan.day);
  const today = ymd(year, month, day);
  const [startYear, startMonth] = today >= thisMonths ? [year, month] : month === 1 ? [year - 1, 12] : [year, month - 1];
  const next = startMonth === 12 ? paymentDay(startYear + 1, 1, plan.day) : paymentDay(startYear, startMonth + 1, plan.day);
  return { from: paymentDay(startYear, startMonth, plan.day), to: dayBefore(next) };
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The period's first moment and the moment after its last day, as UTC instants (Japan is UTC+9 all year). */
export function periodInstants(period: BillingPeriod): { start: Date; end: Date } {
  const midnight = (date: string) => new Date(Date.parse(`${date}T00:00:00+09:00`));
  return { start: midnight(period.from), end: new Date(midnight(period.to).getTime() + 86_400_000) };
}
