/**
 * Hyphens and dashes people and IMEs put between the groups of a number: ASCII, the Unicode
 * hyphens and dashes, the minus sign and the long-vowel mark 「ー」 a kana IME gives for 「-」.
 */
const PHONE_LIKE = /^\+?[\d\s\-()‐‑–—―−ー.]+$/u;

/** Country codes whose international form is folded into the domestic number (Japan, Taiwan). */
const DOMESTIC_COUNTRIES = ['81', '886'] as const;

/**
 * A phone number as one string of digits in its domestic form, so every way a member, a cart or
 * staff write one is the same number: width folded (「０９０」, 「＋８１」), spaces, hyphens, dots
 * and parentheses dropped, and the international forms of Japan and Taiwan (`+81`, `0081`,
 * `+886`, `00886`) as the domestic number with its leading 0 (`+81 (0)90-1234-5678` and
 * `0081 90 1234 5678` are 09012345678). The member search index stores this form (migrations 17
 * and 20) and the robot compares a cart's customer with the member in it, so both agree on what
 * one number is. Null when the text is not a phone number (words, a note beside the number).
 */
export function normalizePhone(text: string | null | undefined): string | null {
  if (!text) return null;
  const typed = text.normalize('NFKC').trim();
  if (!PHONE_LIKE.test(typed)) return null;
  const digits = typed.replace(/\D/gu, '');
  if (digits.length === 0) return null;
  const international = typed.startsWith('+') ? digits : digits.startsWith('00') ? digits.slice(2) : null;
  if (international === null) return digits;
  for (const country of DOMESTIC_COUNTRIES) {
    if (!international.startsWith(country)) continue;
    const national = international.slice(country.length);
    return national.startsWith('0') ? national : `0${national}`;
  }
  return international;
}
