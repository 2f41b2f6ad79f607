import type { TFunction } from 'i18next';

/**
 * The core refuses a name another config has, compared as staff read them (NFKC, trimmed,
 * without case: electron/core/crosssell/config-name.ts); the screen folds names the same way so
 * a copy opens under a name that can be saved.
 */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

/** 「<name> のコピー」, or 「<name> のコピー 2」, 3, … when that is taken. */
export function copyNameFor(t: TFunction, source: string, names: readonly string[]): string {
  const taken = new Set(names.map(nameKey));
  for (let n = 1; ; n += 1) {
    const name = n === 1 ? t('crosssell.list.copyName', { name: source }) : t('crosssell.list.copyNameN', { name: source, n });
    if (!taken.has(nameKey(name))) return name;
  }
}
