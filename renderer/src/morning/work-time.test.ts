import { describe, expect, it } from 'vitest';
import { workTime } from './work-time';

describe("a night's working time", () => {
  it('is whole hours and minutes, rounded to the minute', () => {
    expect(workTime(0)).toEqual({ hours: 0, minutes: 0 });
    expect(workTime(29_999)).toEqual({ hours: 0, minutes: 0 });
    expect(workTime(30_000)).toEqual({ hours: 0, minutes: 1 });
    expect(workTime(8 * 3_600_000 + 25 * 60_000 + 30_000)).toEqual({ hours: 8, minutes: 26 });
    expect(workTime(-5)).toEqual({ hours: 0, minutes: 0 });
  });
});
