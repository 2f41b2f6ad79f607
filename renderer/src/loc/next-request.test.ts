import { describe, expect, it } from 'vitest';
import { nextNeedingPerson } from './next-request';

const rows = [
  { id: 10, status: 'needs_manual' },
  { id: 11, status: 'queued' },
  { id: 12, status: 'needs_manual' },
  { id: 13, status: 'running' },
  { id: 14, status: 'needs_manual' },
];

describe('the next request after one is completed', () => {
  it('is the next waiting row below, skipping what the robot works', () => {
    expect(nextNeedingPerson(rows, 10)).toBe(12);
    expect(nextNeedingPerson(rows, 11)).toBe(12);
  });
  it('wraps to the first waiting row above when none is below, and is none when nothing else waits', () => {
    expect(nextNeedingPerson(rows, 14)).toBe(10);
    expect(nextNeedingPerson(rows, 14, new Set([10, 12]))).toBeNull();
    expect(nextNeedingPerson([{ id: 1, status: 'needs_manual' }], 1)).toBeNull();
  });
  it('starts at the top when nothing is open, and from the top when the open one is not in the list', () => {
    expect(nextNeedingPerson(rows, null)).toBe(10);
    expect(nextNeedingPerson(rows, 99)).toBe(10);
  });
});
