import type { CloudStore } from './store';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Adds a success count to its day. Called only for an operation applied the first time, so a replay adds nothing. */
export function recordUsage(store: CloudStore, day: string, count: number): void {
  store.usageByDay.set(day, (store.usageByDay.get(day) ?? 0) + count);
}

/** Why a span of days cannot be counted, or null: both ends YYYY-MM-DD and `to` after `from`. */
export function usageSpanProblem(from: string | null, to: string | null): string | null {
  if (!from || !DAY.test(from) || Number.isNaN(Date.parse(from))) return 'from must be a day as YYYY-MM-DD';
  if (!to || !DAY.test(to) || Number.isNaN(Date.parse(to))) return 'to must be a day as YYYY-MM-DD';
  if (to <= from) return 'to must be later than from';
  return null;
}

/** Successes on the days from `from` up to but not including `to` (YYYY-MM-DD compares as it sorts). */
export function usageBetween(store: CloudStore, from: string, to: string): number {
  let successes = 0;
  for (const [day, count] of store.usageByDay) if (day >= from && day < to) successes += count;
  return successes;
}
