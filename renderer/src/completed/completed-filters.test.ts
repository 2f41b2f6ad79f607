import { describe, expect, it } from 'vitest';
import { initialCompletedFilters, toCompletedFilters } from './completed-filters';

describe('toCompletedFilters', () => {
  it('always asks for finished requests, newest change first', () => {
    expect(toCompletedFilters(initialCompletedFilters)).toEqual({ completed: true, sort: { field: 'updatedAt', direction: 'desc' } });
  });

  it('trims the search, keeps a known kind and reads dates as Japan days of completion', () => {
    expect(toCompletedFilters({ search: '  佐藤 ', kind: 'cancel', from: '2026-11-01', to: '2026-11-01' })).toMatchObject({
      completed: true,
      search: '佐藤',
      kind: ['cancel'],
      from: '2026-10-31T15:00:00.000Z',
      to: '2026-11-01T15:00:00.000Z',
      dateField: 'completedAt',
    });
  });

  it('reads dates as the shop\'s days: a Taipei day starts an hour after Tokyo\'s', () => {
    expect(toCompletedFilters({ search: '', kind: '', from: '2026-11-01', to: '2026-11-02' }, 'Asia/Taipei')).toMatchObject({
      from: '2026-10-31T16:00:00.000Z',
      to: '2026-11-02T16:00:00.000Z',
      dateField: 'completedAt',
    });
    expect(toCompletedFilters({ search: '', kind: '', from: '', to: '' }, 'Asia/Taipei')).not.toHaveProperty('dateField');
  });

  it('ignores an unknown kind and a blank search', () => {
    const args = toCompletedFilters({ search: '   ', kind: 'refund', from: '', to: '' });
    expect(args).not.toHaveProperty('search');
    expect(args).not.toHaveProperty('kind');
  });
});
