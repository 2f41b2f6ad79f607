import { describe, expect, it } from 'vitest';
import { periodProblem, shiftDay, shopToday } from './shop-days';

describe("the shop's days for the tag history period", () => {
  it('takes today from the shop\'s time zone, not the PC\'s', () => {
    // 15:00 UTC is midnight in Japan: the next day there.
    expect(shopToday('Asia/Tokyo', new Date('2026-11-23T14:59:59Z'))).toBe('2026-11-23');
    expect(shopToday('Asia/Tokyo', new Date('2026-11-23T15:00:00Z'))).toBe('2026-11-24');
  });

  it('keeps a Taipei shop on its own day while Tokyo has moved on', () => {
    // 23:30 in Taipei is 00:30 the next day in Tokyo.
    const lateInTaipei = new Date('2026-11-23T15:30:00Z');
    expect(shopToday('Asia/Taipei', lateInTaipei)).toBe('2026-11-23');
    expect(shopToday('Asia/Tokyo', lateInTaipei)).toBe('2026-11-24');
    expect(shopToday('Asia/Taipei', new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
  });

  it('moves across month and year ends', () => {
    expect(shiftDay('2026-03-01', 1)).toBe('2026-02-28');
    expect(shiftDay('2026-01-01', 29)).toBe('2025-12-03');
    expect(shiftDay('2026-12-31', -1)).toBe('2027-01-01');
  });

  it('refuses a period the core would refuse', () => {
    expect(periodProblem('2026-11-01', '2026-11-30')).toBeNull();
    expect(periodProblem('2026-11-01', '2026-11-01')).toBeNull();
    expect(periodProblem('', '2026-11-30')).toBe('missing');
    expect(periodProblem('2026-12-01', '2026-11-30')).toBe('order');
    expect(periodProblem('2025-11-30', '2026-11-30')).toBeNull();
    expect(periodProblem('2025-11-29', '2026-11-30')).toBe('tooLong');
  });
});
