import { describe, expect, it } from 'vitest';
import { memoryAt } from '../../../test/fixtures/migrated';
import { DEFAULT_NIGHT_WINDOW, lastEndedNight, nextEdge, nightAt, readNightWindow, saveNightWindow, type NightWindow } from './night-window';

const window: NightWindow = { enabled: true, start: '22:00', end: '07:00' };
const at = (iso: string) => new Date(iso);
const iso = (night: { start: Date; end: Date } | null) => night && { start: night.start.toISOString(), end: night.end.toISOString() };

describe('the night window across midnight', () => {
  it('opens at 22:00 and closes at 07:00 the next morning, shop time, start included and end not', () => {
    const tonight = { start: '2026-12-04T13:00:00.000Z', end: '2026-12-04T22:00:00.000Z' };
    expect(nightAt(window, 'Asia/Tokyo', at('2026-12-04T12:59:59.999Z'))).toBeNull();
    expect(iso(nightAt(window, 'Asia/Tokyo', at('2026-12-04T13:00:00.000Z')))).toEqual(tonight);
    // Past midnight in Japan (00:30 on the 5th) it is still the night that began on the 4th.
    expect(iso(nightAt(window, 'Asia/Tokyo', at('2026-12-04T15:30:00.000Z')))).toEqual(tonight);
    expect(iso(nightAt(window, 'Asia/Tokyo', at('2026-12-04T21:59:59.999Z')))).toEqual(tonight);
    expect(nightAt(window, 'Asia/Tokyo', at('2026-12-04T22:00:00.000Z'))).toBeNull();
    expect(nightAt(window, 'Asia/Tokyo', at('2026-12-05T03:00:00.000Z'))).toBeNull();
  });

  it('is the same wall window in Taipei at instants an hour later than in Tokyo', () => {
    expect(iso(nightAt(window, 'Asia/Taipei', at('2026-12-04T14:00:00.000Z')))).toEqual({ start: '2026-12-04T14:00:00.000Z', end: '2026-12-04T23:00:00.000Z' });
    // 22:30 in Tokyo is 21:30 in Taipei: a Tokyo shop's robot works, a Taipei shop's does not yet.
    const between = at('2026-12-04T13:30:00.000Z');
    expect(nightAt(window, 'Asia/Tokyo', between)).not.toBeNull();
    expect(nightAt(window, 'Asia/Taipei', between)).toBeNull();
    // 07:30 in Tokyo is 06:30 in Taipei: the Taipei night goes on after Tokyo's has ended.
    const morning = at('2026-12-04T22:30:00.000Z');
    expect(nightAt(window, 'Asia/Tokyo', morning)).toBeNull();
    expect(iso(nightAt(window, 'Asia/Taipei', morning))?.end).toBe('2026-12-04T23:00:00.000Z');
  });

  it('works for a window inside one day too', () => {
    const early: NightWindow = { enabled: true, start: '01:00', end: '05:00' };
    expect(nightAt(early, 'Asia/Tokyo', at('2026-12-04T15:59:00.000Z'))).toBeNull();
    expect(iso(nightAt(early, 'Asia/Tokyo', at('2026-12-04T17:00:00.000Z')))).toEqual({ start: '2026-12-04T16:00:00.000Z', end: '2026-12-04T20:00:00.000Z' });
    expect(nightAt(early, 'Asia/Tokyo', at('2026-12-04T20:00:00.000Z'))).toBeNull();
  });

  it('names the last night ended and the next edge', () => {
    // 08:00 on the 5th in Tokyo: last night ran from 22:00 on the 4th to 07:00 on the 5th.
    expect(iso(lastEndedNight(window, 'Asia/Tokyo', at('2026-12-04T23:00:00.000Z')))).toEqual({ start: '2026-12-04T13:00:00.000Z', end: '2026-12-04T22:00:00.000Z' });
    // At 23:00 on the 4th the night under way has not ended: the last ended is the one before.
    expect(iso(lastEndedNight(window, 'Asia/Tokyo', at('2026-12-04T14:00:00.000Z')))).toEqual({ start: '2026-12-03T13:00:00.000Z', end: '2026-12-03T22:00:00.000Z' });
    expect(nextEdge(window, 'Asia/Tokyo', at('2026-12-04T14:00:00.000Z'))?.toISOString()).toBe('2026-12-04T22:00:00.000Z');
    expect(nextEdge(window, 'Asia/Taipei', at('2026-12-04T10:00:00.000Z'))?.toISOString()).toBe('2026-12-04T14:00:00.000Z');
  });
});

describe("the night window among the workstation's settings", () => {
  it('is off at 22:00–07:00 until set, keeps what is saved, and refuses a window that starts when it ends', () => {
    const db = memoryAt();
    expect(readNightWindow(db)).toEqual(DEFAULT_NIGHT_WINDOW);
    saveNightWindow(db, { enabled: true, start: '23:30', end: '06:15' });
    expect(readNightWindow(db)).toEqual({ enabled: true, start: '23:30', end: '06:15' });
    expect(() => saveNightWindow(db, { enabled: true, start: '06:00', end: '06:00' })).toThrow();
    expect(() => saveNightWindow(db, { enabled: true, start: '24:00', end: '06:00' })).toThrow();
    expect(readNightWindow(db)).toEqual({ enabled: true, start: '23:30', end: '06:15' });
  });
});
