import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';

const insert = `INSERT INTO morning_reports (night_start, night_end, time_zone, processed, done, needs_manual, duplicates_refused, retrying, work_ms,
  usage_done, usage_period, usage_period_done, needs_manual_items, made_at) VALUES (?, ?, 'Asia/Tokyo', ?, 1, 0, 0, 0, 60000, 1, '2026-12', 1, '[]', 't')`;

describe('migration 23: the morning reports', () => {
  it("adds the history to a version 17 replica and keeps the workstation's settings", () => {
    const db = memoryAt(17);
    db.prepare(`INSERT INTO workstation_settings (key, value) VALUES ('time_zone', 'Asia/Taipei')`).run();
    migrate(db, migrations, 23);
    expect(schemaVersion(db)).toBe(23);
    expect(db.prepare('SELECT value FROM workstation_settings').pluck().all()).toEqual(['Asia/Taipei']);
    db.prepare(insert).run('2026-12-04T13:00:00.000Z', '2026-12-04T22:00:00.000Z', 1);
    expect(db.prepare('SELECT processed, seen_at FROM morning_reports').get()).toEqual({ processed: 1, seen_at: null });
  });

  it('holds one report a night, never one that ends before it starts or counts below zero', () => {
    const db = memoryAt(23);
    db.prepare(insert).run('2026-12-04T13:00:00.000Z', '2026-12-04T22:00:00.000Z', 1);
    expect(() => db.prepare(insert).run('2026-12-04T13:00:00.000Z', '2026-12-04T22:00:00.000Z', 2)).toThrow(/UNIQUE/);
    expect(() => db.prepare(insert).run('2026-12-05T13:00:00.000Z', '2026-12-05T12:00:00.000Z', 1)).toThrow(/CHECK/);
    expect(() => db.prepare(insert).run('2026-12-06T13:00:00.000Z', '2026-12-06T22:00:00.000Z', -1)).toThrow(/CHECK/);
  });
});
