import { describe, expect, it } from 'vitest';
import { formatTokyoClock } from '../format';
import { workstationName } from './workstation';

describe('workstationName', () => {
  it.each([
    ['pc-a#1a2b3c4d', 'pc-a'],
    ['vm#6401c874', 'vm'],
    ['受付PC#2#ab12', '受付PC#2'],
    ['pc-b', 'pc-b'],
    ['#ab12', '#ab12'],
    ['', ''],
    [null, ''],
  ])('%s → %s', (holder, name) => expect(workstationName(holder)).toBe(name));
});

describe('formatTokyoClock', () => {
  const now = new Date('2026-12-03T09:30:00.000Z'); // 18:30 in Tokyo
  it('shows a time of today in Japan as the clock time only', () => {
    expect(formatTokyoClock('2026-12-03T09:05:00.000Z', 'ja', now)).toBe('18:05');
    expect(formatTokyoClock('2026-12-03T09:05:00.000Z', 'en', now)).toBe('18:05');
  });
  it('adds the date for another day in Japan, even when it is the same day in UTC', () => {
    expect(formatTokyoClock('2026-12-02T14:59:00.000Z', 'ja', now)).toBe('2026/12/02 23:59');
    expect(formatTokyoClock('2026-12-02T14:59:00.000Z', 'zh-TW', now)).toBe('2026/12/02 23:59');
  });
});
