/**
 * Every date and time a screen shows, in one form per kind, in the shop's time zone whatever the
 * PC's own zone: a date 2026/12/04, a date and minute 2026/12/04 09:05, a month 2026/12. The
 * numeric forms read the same in Japanese, English and Chinese; the zone's name beside them comes
 * from the catalogs (shopTime.zoneLabel).
 *
 * The zone is the shop's setting, held here for every formatter rather than passed through each
 * of the many places a time is shown; ShopTimeProvider sets it from the core and redraws the
 * screens when it changes.
 */
export const DEFAULT_SHOP_TIME_ZONE = 'Asia/Tokyo';
let shopZone = DEFAULT_SHOP_TIME_ZONE;

export function shopTimeZone(): string {
  return shopZone;
}

export function setFormatTimeZone(zone: string): void {
  shopZone = zone;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute! };
}

function parsed(iso: string): Date | undefined {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** 2026/12/04 09:05 */
export function formatDateMinute(iso: string, timeZone = shopZone): string {
  const date = parsed(iso);
  if (!date) return iso;
  const p = partsIn(date, timeZone);
  return `${p.year}/${p.month}/${p.day} ${p.hour}:${p.minute}`;
}

/** 2026/12/04, for what is a day rather than a moment (次回発送, a start date). */
export function formatDate(iso: string, timeZone = shopZone): string {
  const date = parsed(iso);
  if (!date) return iso;
  const p = partsIn(date, timeZone);
  return `${p.year}/${p.month}/${p.day}`;
}

/** 2026/12 */
export function formatMonth(iso: string, timeZone = shopZone): string {
  const date = parsed(iso);
  if (!date) return iso;
  const p = partsIn(date, timeZone);
  return `${p.year}/${p.month}`;
}

/**
 * A moment with its date and minute. The language is kept in the signature for the screens that
 * pass it; the form is the same in every language.
 */
export function formatTokyoTime(iso: string, _language?: string): string {
  return formatDateMinute(iso);
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/**
 * A moment of today as a clock time (18:05), of another day with its date (2026/12/03 18:05), in
 * the shop's time zone: short enough to sit inside a sentence.
 */
export function formatTokyoClock(iso: string, _language?: string, now: Date = new Date()): string {
  const date = parsed(iso);
  if (!date) return iso;
  const full = formatDateMinute(iso);
  return formatDate(iso) === formatDate(now.toISOString()) ? full.slice(11) : full;
}

/** The midnight that starts a `YYYY-MM-DD` day in the zone, as an ISO instant; undefined if not a date. */
export function zonedMidnight(day: string, timeZone = shopZone): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const asUtc = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(asUtc)) return undefined;
  // The zone's offset at that day (Taipei and Tokyo keep no daylight saving, but this does not rely on it).
  const p = partsIn(new Date(asUtc), timeZone);
  const shown = Date.parse(`${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:00Z`);
  return new Date(asUtc - (shown - asUtc)).toISOString();
}

/** A range of the shop's days as a list's bounds: "to 11/3" includes all of 11/3. An end not after the start is dropped. */
export function zonedDayRange(fromDay: string, toDay: string, timeZone = shopZone): { from?: string; to?: string } {
  const from = fromDay ? zonedMidnight(fromDay, timeZone) : undefined;
  const next = toDay ? zonedMidnight(toDay, timeZone) : undefined;
  const to = next && new Date(Date.parse(next) + 86_400_000).toISOString();
  return { ...(from ? { from } : {}), ...(to && (!from || from < to) ? { to } : {}) };
}
