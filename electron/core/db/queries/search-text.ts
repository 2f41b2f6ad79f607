/**
 * What staff type into a search box, brought to the form the member search index holds
 * (migration 12 folds the stored side the same way in SQL): NFKC for width (full-width letters
 * and digits, half-width kana), no spaces, and katakana as hiragana, so 「清水芽依」 finds
 * 「清水 芽依」 and 「しみず」 finds 「シミズ」 or 「ｼﾐｽﾞ」.
 */
export function foldSearchText(text: string): string {
  return katakanaToHiragana(text.normalize('NFKC').replace(/\s+/gu, ''));
}

/** ァ..ヶ and ヽヾ sit 0x60 above their hiragana. */
function katakanaToHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6\u30fd\u30fe]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

const PHONE_LIKE = /^\+?[\d\s\-()‐‑–—―ー.]+$/u;

/**
 * A phone number as the index holds it: digits only, a Japanese (+81) or Taiwanese (+886)
 * international form as the domestic number with its leading 0 (`+81 90-1234-5678` and
 * `+81 (0)90-1234-5678` are 09012345678). Undefined when the text is not a phone number.
 */
export function normalizePhone(text: string): string | undefined {
  const typed = text.normalize('NFKC').trim();
  if (!PHONE_LIKE.test(typed)) return undefined;
  const digits = typed.replace(/\D/gu, '');
  if (digits.length === 0) return undefined;
  if (!typed.startsWith('+')) return digits;
  for (const country of ['81', '886']) {
    if (!digits.startsWith(country)) continue;
    const national = digits.slice(country.length);
    return national.startsWith('0') ? national : `0${national}`;
  }
  return digits;
}
