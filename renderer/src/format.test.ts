import { afterEach, describe, expect, it } from 'vitest';
import { catalogs, languages } from './i18n/catalogs';
import { formatDate, formatDateMinute, formatMonth, formatTokyoClock, formatTokyoTime, setFormatTimeZone, zonedDayRange, zonedMidnight } from './format';
import { parseDay } from './components/DateInput';

afterEach(() => setFormatTimeZone('Asia/Tokyo'));

// 2026-12-03 15:05:09 UTC: 12/04 00:05 in Tokyo, 12/03 23:05 in Taipei, seconds that must not show.
const instant = '2026-12-03T15:05:09.250Z';

describe('one form per kind, in the shop\'s time zone', () => {
  it('writes a date, a date and minute, and a month, in Japan time by default', () => {
    expect(formatDate(instant)).toBe('2026/12/04');
    expect(formatDateMinute(instant)).toBe('2026/12/04 00:05');
    expect(formatMonth(instant)).toBe('2026/12');
  });

  it('writes the same instant in Taipei time once the shop is in Taipei, across the date line it crosses', () => {
    setFormatTimeZone('Asia/Taipei');
    expect(formatDate(instant)).toBe('2026/12/03');
    expect(formatDateMinute(instant)).toBe('2026/12/03 23:05');
    expect(formatMonth('2026-11-30T16:30:00Z')).toBe('2026/12');
    expect(formatMonth('2026-11-30T15:30:00Z')).toBe('2026/11');
  });

  it('is the same in every language, the zone\'s name beside it coming from each catalog', () => {
    for (const lng of languages) expect(formatTokyoTime(instant, lng), lng).toBe('2026/12/04 00:05');
    const label = (lng: (typeof languages)[number], zone: string) =>
      (catalogs[lng] as { shopTime: { zoneLabel: Record<string, string> } }).shopTime.zoneLabel[zone];
    expect(languages.map((lng) => label(lng, 'Asia/Tokyo'))).toEqual(['日本時間', 'Japan time', '日本時間']);
    expect(languages.map((lng) => label(lng, 'Asia/Taipei'))).toEqual(['台湾時間', 'Taiwan time', '台灣時間']);
  });

  it('shows a clock time for today and the full date and minute for another day, by the shop\'s day', () => {
    const now = new Date('2026-12-03T15:30:00Z');
    expect(formatTokyoClock(instant, 'ja', now)).toBe('00:05');
    setFormatTimeZone('Asia/Taipei');
    expect(formatTokyoClock(instant, 'en', now)).toBe('23:05');
    expect(formatTokyoClock('2026-12-02T15:00:00Z', 'zh-TW', now)).toBe('2026/12/02 23:00');
  });

  it('leaves text that is not a time as it came', () => {
    expect(formatDateMinute('not a time')).toBe('not a time');
  });
});

describe('date filters in the shop\'s days', () => {
  it('starts a day at the zone\'s midnight', () => {
    expect(zonedMidnight('2026-12-04', 'Asia/Tokyo')).toBe('2026-12-03T15:00:00.000Z');
    expect(zonedMidnight('2026-12-04', 'Asia/Taipei')).toBe('2026-12-03T16:00:00.000Z');
    expect(zonedMidnight('2026/12/04')).toBeUndefined();
  });

  it('includes the whole last day and drops an end before the start', () => {
    expect(zonedDayRange('2026-12-01', '2026-12-04', 'Asia/Taipei')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-04T16:00:00.000Z' });
    expect(zonedDayRange('2026-12-04', '2026-12-01')).toEqual({ from: '2026-12-03T15:00:00.000Z' });
    expect(zonedDayRange('', '')).toEqual({});
  });
});

describe('a typed date', () => {
  it.each([
    ['2026/12/04', '2026-12-04'],
    ['2026/1/4', '2026-01-04'],
    ['2026-12-04', '2026-12-04'],
    ['20261204', '2026-12-04'],
    ['２０２６／１２／０４', '2026-12-04'],
    ['2026年12月4日', '2026-12-04'],
    ['', ''],
  ])('%s is %s', (typed, day) => expect(parseDay(typed)).toBe(day));

  it.each(['12/04/2026', '2026/02/30', '2026/13/01', '2026124', 'きのう'])('%s is not a date', (typed) => expect(parseDay(typed)).toBeUndefined());
});
