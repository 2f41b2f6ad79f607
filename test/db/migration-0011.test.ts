import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember } from '../fixtures/replica';

describe('migration 11: reasons as data', () => {
  it("keeps a version 8 replica's journal, work and runs with their texts, and no key for them", () => {
    const db = memoryAt(8);
    insertMember(db, { id: 1, displayName: 'a' });
    db.prepare(`INSERT INTO loc_requests (id, member_id, kind, status, requested_at, updated_at) VALUES (5, 1, 'crosssell', 'needs_manual', 't', 't')`).run();
    db.prepare(`INSERT INTO loc_work (loc_request_id, status, reason, updated_at) VALUES (5, 'needs_manual', '商品コード X が商品マスタにありません', 't')`).run();
    db.prepare(
      `INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, reason, at)
       VALUES (5, 'running', 'needs_manual', 'fail_business', 'robot', '商品コード X が商品マスタにありません', 't')`,
    ).run();
    db.prepare(`INSERT INTO robot_runs (loc_request_id, attempt, started_at, error_message) VALUES (5, 1, 't', '商品コード X が商品マスタにありません')`).run();
    migrate(db, migrations, 11);
    expect(schemaVersion(db)).toBe(11);
    expect(db.prepare('SELECT reason, reason_key, reason_params FROM loc_work').get()).toEqual({
      reason: '商品コード X が商品マスタにありません',
      reason_key: null,
      reason_params: null,
    });
    expect(db.prepare('SELECT reason, reason_key, reason_params FROM loc_transitions').get()).toEqual({
      reason: '商品コード X が商品マスタにありません',
      reason_key: null,
      reason_params: null,
    });
    expect(db.prepare('SELECT error_message, error_key, error_params FROM robot_runs').get()).toEqual({
      error_message: '商品コード X が商品マスタにありません',
      error_key: null,
      error_params: null,
    });
  });

  it('keeps one name per setting of the workstation', () => {
    const db = memoryAt(11);
    db.prepare(`INSERT INTO workstation_settings (key, value) VALUES ('name', 'レジ横のPC')`).run();
    expect(() => db.prepare(`INSERT INTO workstation_settings (key, value) VALUES ('name', '事務所')`).run()).toThrow(/UNIQUE/);
  });
});
