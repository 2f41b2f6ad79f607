const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today in the shop's time zone as YYYY-MM-DD, whatever the PC's own zone. */
export function shopToday(timeZone: string, now: Date = new Date()): string {
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(now);
}

/** The day `days` before (or after, when negative) a YYYY-MM-DD day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** The longest period tags.history counts in one call (electron/core/api/handlers/tags.ts). */
export const HISTORY_MAX_DAYS = 366;

export type PeriodProblem = 'missing' | 'order' | 'tooLong';

/** Why a period cannot be asked for, or null when it can. */
export function periodProblem(from: string, to: string): PeriodProblem | null {
  const valid = (day: string) => /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
  if (!valid(from) || !valid(to)) return 'missing';
  if (from > to) return 'order';
  if ((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 >= HISTORY_MAX_DAYS) return 'tooLong';
  return null;
}
