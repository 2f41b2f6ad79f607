import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertMember, insertTag } from '../../../../test/fixtures/replica';
import { createEventBus } from '../../events';
import { handlers } from '../../api/handlers';
import { createApi } from '../../api/registry';
import { writersFor } from '../../sync/entity-writers';
import type { TagSource } from '../../sync/change-schemas';
import type { SyncService } from '../../sync/types';
import { tempDir, type TempDir } from '../../sync/sync-test-support';
import type { Db } from '../open';
import { tagHistoryWriter } from './tag-history-writes';
import { tagHistoryCounts, type SourceCounts } from './tags-history';

let tmp: TempDir;
let db: Db;
let record: ReturnType<typeof tagHistoryWriter>;

beforeEach(() => {
  tmp = tempDir('tanto-tag-history-');
  db = tmp.open();
  record = tagHistoryWriter(db);
  insertMember(db, { id: 1, displayName: 'a' });
  insertTag(db, 1, 'VIP');
  insertTag(db, 2, '休眠');
});
afterEach(() => tmp.remove());

function history(tagId: number, action: 'add' | 'remove', source: TagSource, at: string): void {
  record({ memberId: 1, tagId, action, source, sourceDetail: null, at });
}

const counts = (patch: Partial<SourceCounts>): SourceCounts => {
  const base = { manual: 0, rule: 0, robot: 0, cloud: 0, ...patch };
  return { ...base, total: base.manual + base.rule + base.robot + base.cloud };
};

describe('tagHistoryCounts', () => {
  it('puts a change in the Japan day of its instant: 15:00 UTC is the next day in Tokyo', () => {
    history(1, 'add', 'rule', '2026-11-01T14:59:59.999Z'); // 2026-11-01 23:59:59.999 JST
    history(1, 'add', 'rule', '2026-11-01T15:00:00.000Z'); // 2026-11-02 00:00 JST
    history(1, 'add', 'manual', '2026-11-02T14:59:59.999Z'); // last instant of 11-02
    history(1, 'add', 'robot', '2026-11-02T15:00:00.000Z'); // first instant of 11-03
    const result = tagHistoryCounts(db, { from: '2026-11-01', to: '2026-11-03' });
    expect(result.days.map((d) => [d.day, d.added])).toEqual([
      ['2026-11-01', counts({ rule: 1 })],
      ['2026-11-02', counts({ rule: 1, manual: 1 })],
      ['2026-11-03', counts({ robot: 1 })],
    ]);
  });

  it('puts a change at 23:30 in Taipei (00:30 in Tokyo) in the Taipei day for a Taipei shop', () => {
    history(1, 'add', 'manual', '2026-11-23T15:30:00.000Z'); // 11-23 23:30 Taipei, 11-24 00:30 Tokyo
    history(1, 'add', 'rule', '2026-11-23T15:59:59.999Z'); // last instant of 11-23 in Taipei
    history(1, 'add', 'robot', '2026-11-23T16:00:00.000Z'); // 11-24 00:00 Taipei
    const taipei = tagHistoryCounts(db, { from: '2026-11-23', to: '2026-11-24', timeZone: 'Asia/Taipei' });
    expect(taipei.days.map((d) => [d.day, d.added])).toEqual([
      ['2026-11-23', counts({ manual: 1, rule: 1 })],
      ['2026-11-24', counts({ robot: 1 })],
    ]);
    const tokyo = tagHistoryCounts(db, { from: '2026-11-23', to: '2026-11-24', timeZone: 'Asia/Tokyo' });
    expect(tokyo.days.map((d) => [d.day, d.added])).toEqual([['2026-11-24', counts({ manual: 1, rule: 1, robot: 1 })]]);
    // A one-day period holds that day's changes only, in either zone.
    expect(tagHistoryCounts(db, { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Taipei' }).tags).toEqual([
      { tagId: 1, name: 'VIP', added: counts({ manual: 1, rule: 1 }), removed: counts({}) },
    ]);
    expect(tagHistoryCounts(db, { from: '2026-11-23', to: '2026-11-23', timeZone: 'Asia/Tokyo' }).tags).toEqual([]);
  });

  it('includes both ends of the period and nothing outside it', () => {
    history(1, 'add', 'cloud', '2026-11-01T14:59:59.999Z'); // 11-01: before
    history(1, 'add', 'cloud', '2026-11-01T15:00:00.000Z'); // 11-02: first day
    history(1, 'add', 'cloud', '2026-11-03T14:59:59.999Z'); // 11-03: last day
    history(1, 'add', 'cloud', '2026-11-03T15:00:00.000Z'); // 11-04: after
    const result = tagHistoryCounts(db, { from: '2026-11-02', to: '2026-11-03' });
    expect(result.days.map((d) => d.day)).toEqual(['2026-11-02', '2026-11-03']);
    expect(result.tags).toEqual([{ tagId: 1, name: 'VIP', added: counts({ cloud: 2 }), removed: counts({}) }]);
  });

  it('counts a stamp the feed wrote with an offset in the Japan day of its instant', () => {
    const writers = writersFor(db);
    const touched = { memberIds: new Set<number>(), locIds: new Set<number>(), cartCustomerIds: new Set<number>(), tagRuleIds: new Set<number>() };
    const now = '2026-11-10T00:00:00.000Z';
    writers.member_tag.upsert({ memberId: 1, tagId: 1, source: 'robot', setAt: '2026-11-02T00:30:00+09:00' }, touched, now); // 11-02 in Tokyo
    writers.member_tag.delete({ memberId: 1, tagId: 1, source: 'robot', removedAt: '2026-11-01T08:00:00-07:00' }, touched, now); // 15:00Z: 11-02
    writers.member_tag.upsert({ memberId: 1, tagId: 1, source: 'robot', setAt: '2026-11-01T23:59:00+09:00' }, touched, now); // 11-01
    expect(db.prepare('SELECT at FROM member_tag_history ORDER BY id').pluck().all()).toEqual([
      Date.parse('2026-11-01T15:30:00.000Z'),
      Date.parse('2026-11-01T15:00:00.000Z'),
      Date.parse('2026-11-01T14:59:00.000Z'),
    ]);
    const result = tagHistoryCounts(db, { from: '2026-11-02', to: '2026-11-02' });
    expect(result.days).toEqual([{ tagId: 1, name: 'VIP', day: '2026-11-02', added: counts({ robot: 1 }), removed: counts({ robot: 1 }) }]);
  });

  it('counts adds and removes per source and per tag, and only the asked-for tag when one is given', () => {
    const at = '2026-11-05T03:00:00.000Z';
    for (const source of ['rule', 'rule', 'rule', 'manual', 'robot', 'cloud'] as const) history(1, 'add', source, at);
    history(1, 'remove', 'rule', at);
    history(1, 'remove', 'manual', at);
    history(2, 'add', 'rule', at);
    const all = tagHistoryCounts(db, { from: '2026-11-05', to: '2026-11-05' });
    expect(all.days).toEqual([
      { tagId: 2, name: '休眠', day: '2026-11-05', added: counts({ rule: 1 }), removed: counts({}) },
      { tagId: 1, name: 'VIP', day: '2026-11-05', added: counts({ rule: 3, manual: 1, robot: 1, cloud: 1 }), removed: counts({ rule: 1, manual: 1 }) },
    ].sort((a, b) => a.name.localeCompare(b.name, 'ja')));
    const one = tagHistoryCounts(db, { tagId: 2, from: '2026-11-05', to: '2026-11-05' });
    expect(one.days.map((d) => d.tagId)).toEqual([2]);
    expect(one.tags).toEqual([{ tagId: 2, name: '休眠', added: counts({ rule: 1 }), removed: counts({}) }]);
  });

  it('counts a month of 200,000 changes over 20 tags, matching a plain count of the same period', () => {
    for (let t = 3; t <= 20; t += 1) insertTag(db, t, `タグ${t}`);
    const sources = ['rule', 'manual', 'robot', 'cloud'] as const;
    const start = Date.parse('2026-10-01T00:00:00Z');
    db.transaction(() => {
      for (let k = 0; k < 200_000; k += 1) {
        history((k % 20) + 1, k % 3 === 0 ? 'remove' : 'add', sources[k % 4]!, new Date(start + k * 26_000).toISOString());
      }
    })();
    const result = tagHistoryCounts(db, { from: '2026-10-10', to: '2026-11-09' });
    const total = result.tags.reduce((n, t) => n + t.added.total + t.removed.total, 0);
    const expected = db
      .prepare('SELECT count(*) FROM member_tag_history WHERE at >= ? AND at < ?')
      .pluck()
      .get(Date.parse('2026-10-09T15:00:00.000Z'), Date.parse('2026-11-09T15:00:00.000Z'));
    expect(total).toBe(expected);
    expect(result.tags).toHaveLength(20);
  });
});

describe('tags.history', () => {
  const api = () =>
    createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: {} as SyncService }, () => {});

  it('answers the counts for a period and refuses a period that runs backwards or is longer than a year', async () => {
    history(1, 'add', 'rule', '2026-11-01T15:00:00.000Z');
    expect(await api().call('tags.history', { tagId: 1, from: '2026-11-02', to: '2026-11-02' })).toMatchObject({
      result: { from: '2026-11-02', to: '2026-11-02', days: [{ tagId: 1, day: '2026-11-02', added: { rule: 1, total: 1 } }] },
    });
    expect(await api().call('tags.history', { from: '2026-11-03', to: '2026-11-02' })).toMatchObject({
      error: { kind: 'invalid_argument', details: [{ path: 'to', message: 'from must not be after to' }] },
    });
    expect(await api().call('tags.history', { from: '2025-10-31', to: '2026-11-01' })).toMatchObject({
      error: { kind: 'invalid_argument', details: [{ path: 'to', message: 'a period is at most 366 days' }] },
    });
    expect(await api().call('tags.history', { from: '2025-11-01', to: '2026-11-01' })).toHaveProperty('result');
    expect(await api().call('tags.history', { from: '2026/11/01', to: '2026-11-02' })).toMatchObject({ error: { kind: 'invalid_argument' } });
  });

  it("counts in the shop's days once the shop is set to Taipei", async () => {
    history(1, 'add', 'rule', '2026-11-23T15:30:00.000Z'); // 23:30 Taipei, 00:30 Tokyo
    const day = async () => ((await api().call('tags.history', { tagId: 1, from: '2026-11-23', to: '2026-11-24' })) as { result: { days: Array<{ day: string }> } }).result.days.map((d) => d.day);
    expect(await day()).toEqual(['2026-11-24']);
    expect(await api().call('shop.setTimeZone', { timeZone: 'Asia/Taipei' })).toMatchObject({ result: { timeZone: 'Asia/Taipei' } });
    expect(await day()).toEqual(['2026-11-23']);
  });
});
