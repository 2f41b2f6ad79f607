/** The shop's billing period (YYYY-MM) of a moment: months are counted in Japan time. */
const monthInTokyo = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' });

export function billingPeriod(at: Date): string {
  const parts = monthInTokyo.formatToParts(at);
  const year = parts.find((p) => p.type === 'year')?.value;
  const month = parts.find((p) => p.type === 'month')?.value;
  return `${year}-${month}`;
}
