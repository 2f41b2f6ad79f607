/** Japan has had no daylight saving since 1951, so a Japan midnight is always 15:00 UTC the day before. */
const JST_OFFSET_S = 9 * 3600;
const DAY_S = 86_400;

/** Seconds since the epoch of 00:00 Asia/Tokyo on a calendar date given as YYYY-MM-DD. */
export function tokyoMidnight(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a calendar date: ${date}`);
  return ms / 1000 - JST_OFFSET_S;
}

/** The Japan day a date string names, as [start, end) in epoch seconds. */
export function tokyoDay(date: string): [number, number] {
  const start = tokyoMidnight(date);
  return [start, start + DAY_S];
}

/** The Asia/Tokyo calendar date (YYYY-MM-DD) of an instant given in milliseconds since the epoch. */
export function tokyoDate(ms: number): string {
  return new Date(ms + JST_OFFSET_S * 1000).toISOString().slice(0, 10);
}

export const SECONDS_PER_DAY = DAY_S;

const inTokyo = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** `YYYY-MM-DD HH:mm:ss` in Asia/Tokyo, which Japanese Excel reads as a date and time. */
export function tokyoDateTime(iso: string): string {
  return inTokyo.format(new Date(iso));
}

/** An instant as staff read it in messages from the core: `2026/12/03 18:05（日本時間）`, the screens' form, its zone named. */
export function formatTokyo(iso: string): string {
  return formatZoned(iso, 'Asia/Tokyo');
}

/** The zones' names in the core's messages, which are in Japanese (the screens name them from their catalogs). */
const zoneNames: Record<string, string> = { 'Asia/Tokyo': '日本時間', 'Asia/Taipei': '台湾時間' };

/** An instant in the shop's time zone, named: `2026/12/03 17:05（台湾時間）`. */
export function formatZoned(iso: string, timeZone: string): string {
  return `${zonedDateMinute(iso, timeZone)}（${zoneNames[timeZone] ?? timeZone}）`;
}

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * `2026/12/04 09:05` in the shop's time zone: the one date-and-minute form the screens use,
 * which Japanese Excel also reads as a date and time.
 */
export function zonedDateMinute(iso: string, timeZone: string): string {
  let format = zonedFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    zonedFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}/${parts.month}/${parts.day} ${parts.hour}:${parts.minute}`;
}
