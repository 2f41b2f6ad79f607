import type { Db } from '../db/open';

/**
 * The time zone the shop lives in: what every screen shows times in and what a date filter's
 * day means. Japan by default; a Taiwanese shop picks Taipei. A short list rather than any IANA
 * name, so each zone offered has its name in the catalogs. Kept with the workstation's other
 * local settings (migration 11).
 */
export const shopTimeZones = ['Asia/Tokyo', 'Asia/Taipei'] as const;
export type ShopTimeZone = (typeof shopTimeZones)[number];
export const DEFAULT_TIME_ZONE: ShopTimeZone = 'Asia/Tokyo';

const KEY = 'time_zone';

function isShopTimeZone(value: unknown): value is ShopTimeZone {
  return (shopTimeZones as readonly unknown[]).includes(value);
}

export function shopTimeZone(db: Db): ShopTimeZone {
  const stored = db.prepare('SELECT value FROM workstation_settings WHERE key = ?').pluck().get(KEY);
  return isShopTimeZone(stored) ? stored : DEFAULT_TIME_ZONE;
}

export function setShopTimeZone(db: Db, zone: ShopTimeZone): void {
  db.prepare('INSERT INTO workstation_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, zone);
}
