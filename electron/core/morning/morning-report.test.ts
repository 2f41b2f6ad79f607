import { describe, expect, it } from 'vitest';
import { memoryAt } from '../../../test/fixtures/migrated';
import { insertLocRequest, insertMember } from '../../../test/fixtures/replica';
import { coreReasons } from '../loc/reasons';
import { saveNightWindow } from '../night/night-window';
import { recordFailure, recordHandedOver, recordLeaseLost, recordStart, recordSuccess, type RunRef } from '../robot/outcomes';
import { latestMorningReport, listMorningReports, markMorningReportSeen, recordMorningReport, summarizeNight } from './morning-report';

const night = { start: new Date('2026-12-04T13:00:00.000Z'), end: new Date('2026-12-04T22:00:00.000Z') };
const fixed = (iso: string) => ({ now: () => new Date(iso) });

/** One run of a request, journaled by the engine's own finishing transactions. */
function run(db: ReturnType<typeof memoryAt>, id: number, startedAt: string, end: (ref: RunRef, at: string) => void, endedAt: string): void {
  const started = recordStart(db, { id, uid: `uid-${id}`, kind: 'cancel', memberId: 1, requestedAt: startedAt }, 'pc-a#00000001', `lease-${id}-${startedAt}`, startedAt);
  if (!started) throw new Error(`request ${id} could not start`);
  end({ ...started, holder: 'pc-a#00000001', leaseId: `lease-${id}`, workstationName: 'レジ横' }, endedAt);
}

function recordedNight() {
  const db = memoryAt();
  insertMember(db, { id: 1, displayName: '山田 花子' });
  for (let id = 1; id <= 9; id += 1) insertLocRequest(db, { id, memberId: 1, kind: 'cancel', status: 'new', requestedAt: '2026-12-04T12:00:00.000Z', uid: `uid-${id}` });
  const succeed = (ref: RunRef, at: string) => void recordSuccess(db, ref, at, () => ({ summary: 'ok' }));
  const business = (reason: ReturnType<typeof coreReasons.gaveUp> | { key: string; params: string[] }, text: string) => (ref: RunRef, at: string) =>
    void recordFailure(db, ref, { at, kind: 'business', message: text, reason, nextAttemptAt: null });
  const retry = (ref: RunRef, at: string) => void recordFailure(db, ref, { at, kind: 'application', message: 'timeout', nextAttemptAt: at });
  // Before the night (staff started the robot by day): only its usage counts, in the month.
  run(db, 7, '2026-12-04T11:50:00.000Z', succeed, '2026-12-04T12:00:00.000Z');
  run(db, 1, '2026-12-04T13:05:00.000Z', succeed, '2026-12-04T13:10:00.000Z');
  run(db, 2, '2026-12-04T13:55:00.000Z', succeed, '2026-12-04T14:00:00.000Z');
  run(db, 3, '2026-12-04T14:55:00.000Z', business({ key: 'customerNotFound', params: ['C3'] }, '顧客番号 C3 の顧客がカートに見つかりません'), '2026-12-04T15:00:00.000Z');
  run(db, 4, '2026-12-04T15:59:00.000Z', (ref, at) => recordHandedOver(db, ref, 'repeat', '重複: 48 時間以内に同じ申請があります', at), '2026-12-04T16:00:00.000Z');
  // Failed once, then done: one request processed, done.
  run(db, 5, '2026-12-04T16:55:00.000Z', retry, '2026-12-04T17:00:00.000Z');
  run(db, 5, '2026-12-04T17:55:00.000Z', succeed, '2026-12-04T18:00:00.000Z');
  run(db, 9, '2026-12-04T19:55:00.000Z', business(coreReasons.gaveUp(5, 'timeout'), '5 回試みましたが完了できませんでした: timeout'), '2026-12-04T20:00:00.000Z');
  // Paused as the night ended, after it: begun in the night, so reported with it.
  run(db, 6, '2026-12-04T21:59:00.000Z', (ref, at) => recordLeaseLost(db, ref, '夜間の時間帯が終わりました', at), '2026-12-04T22:00:30.000Z');
  // The next day, by day: not this night's.
  run(db, 8, '2026-12-04T23:00:00.000Z', succeed, '2026-12-04T23:05:00.000Z');
  return db;
}

describe('the morning report from a recorded night', () => {
  it('counts each request of the night once, by how its last run ended, with the reasons and the usage', () => {
    const db = recordedNight();
    expect(summarizeNight(db, night)).toEqual({
      nightStart: '2026-12-04T13:00:00.000Z',
      nightEnd: '2026-12-04T22:00:00.000Z',
      processed: 7,
      done: 3,
      needsManual: 2,
      duplicatesRefused: 1,
      retrying: 1,
      workMs: Date.parse('2026-12-04T22:00:30.000Z') - Date.parse('2026-12-04T13:05:00.000Z'),
      usage: { night: 3, period: '2026-12', periodDone: 4 },
      needsManualItems: [
        { requestId: 3, memberName: '山田 花子', reason: { key: 'customerNotFound', params: ['C3'] }, text: '顧客番号 C3 の顧客がカートに見つかりません' },
        { requestId: 9, memberName: '山田 花子', reason: { key: 'gaveUp', params: [5, 'timeout'] }, text: '5 回試みましたが完了できませんでした: timeout' },
      ],
    });
  });

  it('is recorded once per night and kept as it was, seen once dismissed, listed newest first', () => {
    const db = recordedNight();
    const first = recordMorningReport(db, night, fixed('2026-12-04T22:01:00.000Z'));
    expect(first).toMatchObject({ timeZone: 'Asia/Tokyo', processed: 7, madeAt: '2026-12-04T22:01:00.000Z', seenAt: null });
    // A run begun in the night's last seconds and journaled after the report was made does not change it.
    run(db, 6, '2026-12-04T21:59:50.000Z', (ref, at) => void recordSuccess(db, ref, at, () => ({ summary: 'ok' })), '2026-12-04T22:01:00.000Z');
    expect(summarizeNight(db, night)).toMatchObject({ done: 4, retrying: 0 });
    expect(recordMorningReport(db, night, fixed('2026-12-05T01:00:00.000Z'))).toEqual(first);
    const earlier = recordMorningReport(db, { start: new Date('2026-12-03T13:00:00.000Z'), end: new Date('2026-12-03T22:00:00.000Z') }, fixed('2026-12-03T22:01:00.000Z'));
    expect(earlier).toMatchObject({ processed: 0, done: 0, workMs: 0, usage: { night: 0, periodDone: 0 } });
    expect(markMorningReportSeen(db, first.id, fixed('2026-12-05T00:30:00.000Z'))).toBe(true);
    expect(markMorningReportSeen(db, first.id, fixed('2026-12-05T02:00:00.000Z'))).toBe(true);
    expect(markMorningReportSeen(db, 999, fixed('2026-12-05T02:00:00.000Z'))).toBe(false);
    const list = listMorningReports(db, 10, 0);
    expect(list.total).toBe(2);
    expect(list.items.map((r) => [r.nightStart, r.seenAt])).toEqual([
      ['2026-12-04T13:00:00.000Z', '2026-12-05T00:30:00.000Z'],
      ['2026-12-03T13:00:00.000Z', null],
    ]);
  });

  it('is made for the last night at the first open of the morning when the PC slept through its end, and not while night mode is off', () => {
    const db = recordedNight();
    const morning = fixed('2026-12-05T00:30:00.000Z');
    expect(latestMorningReport(db, morning)).toBeNull();
    saveNightWindow(db, { enabled: true, start: '22:00', end: '07:00' });
    expect(latestMorningReport(db, morning)).toMatchObject({ nightStart: '2026-12-04T13:00:00.000Z', processed: 7, seenAt: null });
    expect(listMorningReports(db, 10, 0).total).toBe(1);
    // The window moved by an hour during the day: last night stays the one reported.
    saveNightWindow(db, { enabled: true, start: '23:00', end: '06:00' });
    expect(latestMorningReport(db, morning)).toMatchObject({ nightStart: '2026-12-04T13:00:00.000Z' });
    expect(listMorningReports(db, 10, 0).total).toBe(1);
  });
});
