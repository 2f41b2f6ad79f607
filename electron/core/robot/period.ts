/** en-CA formats a date as YYYY-MM-DD; days and months are counted in Japan time. */
const dayInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day (YYYY-MM-DD) of a moment in Japan. */
export function tokyoDate(at: Date): string {
  return dayInTokyo.format(at);
}

/** The shop's billing period (YYYY-MM) of a moment. */
export function billingPeriod(at: Date): string {
  return tokyoDate(at).slice(0, 7);
}
