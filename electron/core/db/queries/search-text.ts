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
