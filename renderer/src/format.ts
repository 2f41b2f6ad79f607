/** Times are stored in UTC and shown in Japan time, whatever the PC's own time zone. */
export function formatTokyoTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(date);
}

export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

const tokyoDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', dateStyle: 'short' }).format(date);

/**
 * A moment of today as a clock time (18:05), of another day with its date (12/3 18:05), in Japan
 * time: short enough to sit inside a sentence.
 */
export function formatTokyoClock(iso: string, language: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const today = tokyoDay(date) === tokyoDay(now);
  return new Intl.DateTimeFormat(language, {
    timeZone: 'Asia/Tokyo',
    ...(today ? {} : { month: 'numeric', day: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}
