import { describe, expect, it } from 'vitest';
import { initialFilters, locStatuses, staffStatusFilters, toListFilters } from './filters';

describe('toListFilters', () => {
  it('sends only what is set, with the sort', () => {
    expect(toListFilters(initialFilters)).toEqual({ sort: { field: 'requestedAt', direction: 'desc' } });
  });

  it('reads dates as whole Japan days', () => {
    const args = toListFilters({ ...initialFilters, from: '2026-11-01', to: '2026-11-03', status: 'needs_manual', kind: 'crosssell', crosssellConfigId: '4' });
    expect(args).toMatchObject({
      status: ['needs_manual'],
      kind: ['crosssell'],
      crosssellConfigId: 4,
      from: '2026-10-31T15:00:00.000Z',
      to: '2026-11-03T15:00:00.000Z',
    });
  });

  it("asks for every state of a staff choice: the robot's inner states are never a choice of their own", () => {
    expect(toListFilters({ ...initialFilters, status: 'robot_waiting' }).status).toEqual(['new', 'queued']);
    expect(toListFilters({ ...initialFilters, status: 'robot_working' }).status).toEqual(['leased', 'running']);
    expect(Object.values(staffStatusFilters).flat().sort()).toEqual(locStatuses.filter((s) => s !== 'done').sort());
  });

  it('drops an end that is not after the start', () => {
    expect(toListFilters({ ...initialFilters, from: '2026-11-05', to: '2026-11-01' })).not.toHaveProperty('to');
  });
});
