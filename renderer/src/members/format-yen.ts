/** Amounts from the carts are whole yen. */
export function formatYen(amount: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'JPY' }).format(amount);
}
