import { describe, expect, it } from 'vitest';
import { createNewlyNeeding } from './newly-needing';

describe('requests that newly need a person', () => {
  it('announces nothing at first, then each arrival once, a reopened one again, and not one that only came back into view', () => {
    const newly = createNewlyNeeding();
    expect(newly([{ id: 1, updatedAt: 'a' }])).toEqual([]);
    expect(newly([{ id: 2, updatedAt: 'b' }, { id: 1, updatedAt: 'a' }]).map((r) => r.id)).toEqual([2]);
    expect(newly([{ id: 2, updatedAt: 'b' }, { id: 1, updatedAt: 'a' }])).toEqual([]);
    // 1 left the window (completed, or pushed out by newer ones) ...
    expect(newly([{ id: 2, updatedAt: 'b' }])).toEqual([]);
    // ... and came back unchanged: nothing new.
    expect(newly([{ id: 2, updatedAt: 'b' }, { id: 1, updatedAt: 'a' }])).toEqual([]);
    expect(newly([{ id: 2, updatedAt: 'b' }])).toEqual([]);
    // Reopened: it changed, so a person is needed anew.
    expect(newly([{ id: 1, updatedAt: 'c' }, { id: 2, updatedAt: 'b' }]).map((r) => r.id)).toEqual([1]);
  });
});
