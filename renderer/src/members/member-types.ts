import type { ResultOf } from '../api/client';

export type Member = ResultOf<'members.get'>;
export type MemberOrder = Member['orders'][number];

/** Amounts from the carts are whole yen. */
export function formatYen(amount: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'JPY' }).format(amount);
}
