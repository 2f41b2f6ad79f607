import en from './en.json';
import ja from './ja.json';
import zhTW from './zh-TW.json';

/** Japanese first: it is the default and the fallback for anything missing elsewhere. */
export const catalogs = { ja, en, 'zh-TW': zhTW } as const;

export type Language = keyof typeof catalogs;
export const languages = Object.keys(catalogs) as Language[];
export const defaultLanguage: Language = 'ja';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(catalogs, value);
}
