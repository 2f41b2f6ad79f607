import { describe, expect, it } from 'vitest';
import { formatTokyo, formatZoned, zonedDateMinute } from './japan-time';

describe('times in the core\'s messages and CSVs', () => {
  it('writes a date and minute in the zone given, without seconds', () => {
    expect(zonedDateMinute('2026-12-03T15:05:59Z', 'Asia/Tokyo')).toBe('2026/12/04 00:05');
    expect(zonedDateMinute('2026-12-03T15:05:59Z', 'Asia/Taipei')).toBe('2026/12/03 23:05');
  });

  it('names Japan time in a message, as the screens write it', () => {
    expect(formatTokyo('2026-12-03T09:05:00Z')).toBe('2026/12/03 18:05（日本時間）');
  });

  it("names the shop's zone: a Taipei shop reads 23:30 on its own day, in 台湾時間", () => {
    expect(formatZoned('2026-11-23T15:30:00Z', 'Asia/Taipei')).toBe('2026/11/23 23:30（台湾時間）');
    expect(formatZoned('2026-11-23T15:30:00Z', 'Asia/Tokyo')).toBe('2026/11/24 00:30（日本時間）');
  });
});
