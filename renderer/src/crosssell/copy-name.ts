import type { TFunction } from 'i18next';

/**
 * The core refuses a name another config has, compared as staff read them (NFKC, trimmed,
 * without case: electron/core/crosssell/config-name.ts); the screen folds names the same way so
 * a copy opens under a name that can be saved.
 */
export const nameKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

/** A management name is at most this long (the core's rule too). */
const NAME_MAX_CHARS = 100;

/** 「<name> のコピー」, or 「<name> のコピー 2」, 3, … when that is taken; the source is shortened so the copy's name still fits. */
export function copyNameFor(t: TFunction, source: string, names: readonly string[]): string {
  const taken = new Set(names.map(nameKey));
  for (let n = 1; ; n += 1) {
    const marked = (name: string) => (n === 1 ? t('crosssell.list.copyName', { name }) : t('crosssell.list.copyNameN', { name, n }));
    const room = NAME_MAX_CHARS - (marked(source).length - source.length);
    const name = marked(source.slice(0, Math.max(room, 1)));
    if (!taken.has(nameKey(name))) return name;
  }
}
