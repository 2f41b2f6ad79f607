import { expect, it } from 'vitest';
import { billingPeriod, tokyoDate } from './period';

it('counts days and billing periods in Japan time, across the UTC boundary', () => {
  expect(tokyoDate(new Date('2026-11-30T14:59:59Z'))).toBe('2026-11-30');
  expect(tokyoDate(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12-01');
  expect(billingPeriod(new Date('2026-11-30T14:59:59Z'))).toBe('2026-11');
  expect(billingPeriod(new Date('2026-11-30T15:00:00Z'))).toBe('2026-12');
  expect(billingPeriod(new Date('2026-12-31T15:00:00Z'))).toBe('2027-01');
});
