import clerkEn from './clerk/en.json';
import clerkJa from './clerk/ja.json';
import clerkZhTW from './clerk/zh-TW.json';
import completedEn from './completed/en.json';
import completedJa from './completed/ja.json';
import completedZhTW from './completed/zh-TW.json';
import crosssellEn from './crosssell/en.json';
import crosssellJa from './crosssell/ja.json';
import crosssellZhTW from './crosssell/zh-TW.json';
import en from './en.json';
import finisherEn from './finisher/en.json';
import finisherJa from './finisher/ja.json';
import finisherZhTW from './finisher/zh-TW.json';
import ja from './ja.json';
import memberPageEn from './memberPage/en.json';
import memberPageJa from './memberPage/ja.json';
import memberPageZhTW from './memberPage/zh-TW.json';
import orderStatusEn from './orderStatus/en.json';
import orderStatusJa from './orderStatus/ja.json';
import orderStatusZhTW from './orderStatus/zh-TW.json';
import reasonsEn from './reasons/en.json';
import reasonsJa from './reasons/ja.json';
import reasonsZhTW from './reasons/zh-TW.json';
import syncScreenEn from './syncScreen/en.json';
import syncScreenJa from './syncScreen/ja.json';
import syncScreenZhTW from './syncScreen/zh-TW.json';
import shopTimeEn from './shopTime/en.json';
import shopTimeJa from './shopTime/ja.json';
import shopTimeZhTW from './shopTime/zh-TW.json';
import tagScreenEn from './tagScreen/en.json';
import tagScreenJa from './tagScreen/ja.json';
import tagScreenZhTW from './tagScreen/zh-TW.json';
import usageEn from './usage/en.json';
import usageJa from './usage/ja.json';
import usageZhTW from './usage/zh-TW.json';
import zhTW from './zh-TW.json';
import updateEn from './update/en.json';
import updateJa from './update/ja.json';
import updateZhTW from './update/zh-TW.json';
import secretsEn from './secrets/en.json';
import secretsJa from './secrets/ja.json';
import secretsZhTW from './secrets/zh-TW.json';
import morningEn from './morning/en.json';
import morningJa from './morning/ja.json';
import morningZhTW from './morning/zh-TW.json';
import nightModeEn from './nightMode/en.json';
import nightModeJa from './nightMode/ja.json';
import nightModeZhTW from './nightMode/zh-TW.json';
import replicaEn from './replica/en.json';
import replicaJa from './replica/ja.json';
import replicaZhTW from './replica/zh-TW.json';
import settingsEn from './settings/en.json';
import settingsJa from './settings/ja.json';
import settingsZhTW from './settings/zh-TW.json';

/**
 * Each screen keeps its messages in a folder of its own under one top-level key, so screens
 * grow without touching each other's files; `parts` lists them for the check that no two
 * claim the same key.
 */
export const catalogParts = {
  ja: [ja, clerkJa, completedJa, crosssellJa, memberPageJa, syncScreenJa, tagScreenJa, reasonsJa, orderStatusJa, usageJa, finisherJa, shopTimeJa, updateJa, secretsJa, morningJa, nightModeJa, replicaJa, settingsJa],
  en: [en, clerkEn, completedEn, crosssellEn, memberPageEn, syncScreenEn, tagScreenEn, reasonsEn, orderStatusEn, usageEn, finisherEn, shopTimeEn, updateEn, secretsEn, morningEn, nightModeEn, replicaEn, settingsEn],
  'zh-TW': [zhTW, clerkZhTW, completedZhTW, crosssellZhTW, memberPageZhTW, syncScreenZhTW, tagScreenZhTW, reasonsZhTW, orderStatusZhTW, usageZhTW, finisherZhTW, shopTimeZhTW, updateZhTW, secretsZhTW, morningZhTW, nightModeZhTW, replicaZhTW, settingsZhTW],
} as const;

const merge = <T extends readonly object[]>(parts: T) => Object.assign({}, ...parts) as T[number] & Record<string, unknown>;

/** Japanese first: it is the default and the fallback for anything missing elsewhere. */
export const catalogs = {
  ja: merge(catalogParts.ja),
  en: merge(catalogParts.en),
  'zh-TW': merge(catalogParts['zh-TW']),
} as const;

export type Language = keyof typeof catalogs;
export const languages = Object.keys(catalogs) as Language[];
export const defaultLanguage: Language = 'ja';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && Object.hasOwn(catalogs, value);
}
