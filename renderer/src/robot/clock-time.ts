/**
 * A wall-clock time as staff type it, read as the 24-hour HH:MM the core keeps: 23:30, ２３：３０,
 * 2330 or 7:00. Chromium's time input would show 午後11:30 or 11:30 PM by the computer's locale,
 * not by the screen's language, so the night window is typed as text.
 */
export function readClockTime(typed: string): string | null {
  const match = /^(\d{1,2}):?(\d{2})$/.exec(typed.normalize('NFKC').trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}
