import { describe, expect, it } from 'vitest';
import { initialCompletedFilters, toCompletedFilters } from './completed-filters';

describe('toCompletedFilters', () => {
  it('always asks for finished requests, newest change first', () => {
    expect(toCompletedFilters(initialCompletedFilters)).toEqual({ completed: true, sort: { field: 'updatedAt', direction: 'desc' } });
  });

  it('trims the search, keeps a known kind and reads dates as Japan days', () => {
    expect(toCompletedFilters({ search: '  佐藤 ', kind: 'cancel', from: '2026-11-01', to: '2026-11-01' })).toMatchObject({
      completed: true,
      search: '佐藤',
      kind: ['cancel'],
      from: '2026-10-31T15:00:00.000Z',
      to: '2026-11-01T15:00:00.000Z',
    });
  });

  it('ignores an unknown kind and a blank search', () => {
    const args = toCompletedFilters({ search: '   ', kind: 'refund', from: '', to: '' });
    expect(args).not.toHaveProperty('search');
    expect(args).not.toHaveProperty('kind');
  });
});
