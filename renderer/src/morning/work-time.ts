/** A night's working time as whole hours and minutes (rounded to the minute), for the catalogs to word. */
export function workTime(ms: number): { hours: number; minutes: number } {
  const minutes = Math.round(Math.max(0, ms) / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
