import { describe, expect, it } from 'vitest';
import { hourOf, zonedDate, zonedDay, zoneOffsetSeconds } from './zone-days';

// 2026-11-23 15:30 UTC: 23:30 on the 23rd in Taipei, 00:30 on the 24th in Tokyo.
const lateInTaipei = Date.parse('2026-11-23T15:30:00.000Z');

describe("the shop's days in its time zone", () => {
  it('puts 23:30 in Taipei on the Taipei day, which Tokyo has already left', () => {
    expect(zonedDate(lateInTaipei, 'Asia/Taipei')).toBe('2026-11-23');
    expect(zonedDate(lateInTaipei, 'Asia/Tokyo')).toBe('2026-11-24');
  });

  it('starts and ends a day at the zone\'s own midnights', () => {
    const seconds = (iso: string) => Date.parse(iso) / 1000;
    expect(zonedDay('2026-11-23', 'Asia/Taipei')).toEqual([seconds('2026-11-22T16:00:00Z'), seconds('2026-11-23T16:00:00Z')]);
    expect(zonedDay('2026-11-24', 'Asia/Tokyo')).toEqual([seconds('2026-11-23T15:00:00Z'), seconds('2026-11-24T15:00:00Z')]);
    const [start, end] = zonedDay('2026-11-23', 'Asia/Taipei');
    expect(lateInTaipei / 1000 >= start && lateInTaipei / 1000 < end).toBe(true);
    expect(() => zonedDay('2026-02-30', 'Asia/Tokyo')).toThrow(RangeError);
    expect(() => zonedDay('2026/11/23', 'Asia/Tokyo')).toThrow(RangeError);
  });

  it('reads whole-hour offsets, and whole UTC hours for the counts', () => {
    expect(zoneOffsetSeconds('Asia/Tokyo', lateInTaipei)).toBe(9 * 3600);
    expect(zoneOffsetSeconds('Asia/Taipei', lateInTaipei + 123)).toBe(8 * 3600);
    expect(hourOf(lateInTaipei)).toBe(Date.parse('2026-11-23T15:00:00.000Z') / 3_600_000);
    expect(hourOf(Date.parse('2026-11-23T15:59:59.999Z'))).toBe(hourOf(lateInTaipei));
  });
});
