import { describe, expect, it } from 'vitest';
import { formatAge } from './age';

describe('formatAge', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');

  it('uses the largest whole unit', () => {
    expect(formatAge('2026-11-21T11:00:00Z', now, 'en')).toBe('2 days ago');
    expect(formatAge('2026-11-23T09:30:00Z', now, 'en')).toBe('2 hr. ago');
    expect(formatAge('2026-11-23T11:55:00Z', now, 'en')).toBe('5 min. ago');
  });

  it('is empty for an unreadable time', () => {
    expect(formatAge('soon', now, 'ja')).toBe('');
  });
});
