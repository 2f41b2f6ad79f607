/**
 * The robot's marker in a memo is `TANTO:<request id>`. A search by memo text matches any memo
 * containing it, so TANTO:req-1 would also find TANTO:req-10; only a whole-token match counts.
 */
const ID_CHARACTER = '[A-Za-z0-9_.:-]';

export function memoHasMarker(memo: string, marker: string): boolean {
  const escaped = marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<!${ID_CHARACTER})${escaped}(?!${ID_CHARACTER})`).test(memo);
}

export function isUsableMarker(marker: string): boolean {
  return /^\S+$/.test(marker) && marker.length <= 200;
}

/** Appends a line to a memo, keeping what is there; text already present is not added again. */
export function appendToMemo(memo: string, text: string): string | null {
  if (memo.includes(text)) return null;
  if (memo === '') return text;
  return memo.endsWith('\n') ? memo + text : `${memo}\n${text}`;
}
