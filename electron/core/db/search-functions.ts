import type { Db } from './open';
import { normalizePhone } from '../members/phone-number';
import { foldSearchText } from './queries/search-text';

/**
 * The SQL functions the member search index is built with (migration 12): the same folding a
 * typed query gets, so stored and typed text meet in one form. Every connection that writes
 * members or cart customers needs them; openDatabase registers them, and so does migration 12
 * for the connection it runs on.
 */
export function registerSearchFunctions(db: Db): void {
  db.function('tanto_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldSearchText(text) : null));
  db.function('tanto_phone', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? normalizePhone(text) : null));
}
