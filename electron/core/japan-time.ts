import type { ShopTimeZone } from './shop/time-zone';

/** A day of seconds: rules' "within N days" are N×24 hours up to now, whatever the zone. */
export const SECONDS_PER_DAY = 86_400;

/** An instant as staff read it in messages from the core: `2026/12/03 18:05（日本時間）`, the screens' form, its zone named. */
export function formatTokyo(iso: string): string {
  return formatZoned(iso, 'Asia/Tokyo');
}

/** The zones' names in the core's messages, which are in Japanese (the screens name them from their catalogs). */
const zoneNames: Record<ShopTimeZone, string> = { 'Asia/Tokyo': '日本時間', 'Asia/Taipei': '台湾時間' };

/** An instant in the shop's time zone, named: `2026/12/03 17:05（台湾時間）`. */
export function formatZoned(iso: string, timeZone: string): string {
  return `${zonedDateMinute(iso, timeZone)}（${zoneNames[timeZone as ShopTimeZone] ?? timeZone}）`;
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
