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
