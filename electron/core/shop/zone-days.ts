/**
 * The shop's days in its time zone (shop/time-zone.ts): where a day starts and ends, and which
 * day an instant falls on. Tokyo and Taipei keep no daylight saving today, but the offset is
 * read per instant from the zone's rules rather than assumed.
 */
const SECONDS_PER_HOUR = 3600;
const MS_PER_HOUR = SECONDS_PER_HOUR * 1000;

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** How far the zone's clock is ahead of UTC at an instant, in seconds. */
export function zoneOffsetSeconds(timeZone: string, ms: number): number {
  const p = Object.fromEntries(dayFormat(timeZone).formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((shown - Math.floor(ms / 1000) * 1000) / 1000);
}

/** The zone's calendar date (YYYY-MM-DD) of an instant in milliseconds since the epoch. */
export function zonedDate(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffsetSeconds(timeZone, ms) * 1000).toISOString().slice(0, 10);
}

/** The day a YYYY-MM-DD date names in the zone, as [start, end) in epoch seconds. */
export function zonedDay(date: string, timeZone: string): [number, number] {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnightUtc) || new Date(midnightUtc).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  const start = midnightUtc / 1000 - zoneOffsetSeconds(timeZone, midnightUtc);
  const nextUtc = midnightUtc + 86_400_000;
  return [start, nextUtc / 1000 - zoneOffsetSeconds(timeZone, nextUtc)];
}

/** The whole UTC hour (hours since the epoch) an instant falls in: tag history counts per hour. */
export function hourOf(ms: number): number {
  return Math.floor(ms / MS_PER_HOUR);
}

export { SECONDS_PER_HOUR };
