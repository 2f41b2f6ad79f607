import { describe, expect, it } from 'vitest';
import { readClockTime } from './clock-time';

describe('a night-window time as typed', () => {
  it('reads 24-hour times in half- or full-width digits, with or without the colon', () => {
    expect(readClockTime('23:30')).toBe('23:30');
    expect(readClockTime('２３：３０')).toBe('23:30');
    expect(readClockTime(' 2330 ')).toBe('23:30');
    expect(readClockTime('7:05')).toBe('07:05');
    expect(readClockTime('0:00')).toBe('00:00');
  });

  it('refuses what is not a time of day', () => {
    for (const typed of ['', '24:00', '12:60', '11:30 PM', '午後11:30', '7', '123:00']) expect(readClockTime(typed), typed).toBeNull();
  });
});
