import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';
import { insertMember } from '../fixtures/replica';

describe('migration 8: attempts, uids and leases', () => {
  it('keeps a version 7 replica\'s requests, runs, work and cursor, and puts them on attempt 1', () => {
    const db = memoryAt(7);
    insertMember(db, { id: 1, displayName: 'a' });
    db.prepare(`INSERT INTO loc_requests (id, member_id, kind, status, requested_at, updated_at) VALUES (5, 1, 'crosssell', 'done', 't', 't')`).run();
    db.prepare(`INSERT INTO loc_work (loc_request_id, status, updated_at) VALUES (5, 'done', 't')`).run();
    db.prepare(`INSERT INTO robot_runs (loc_request_id, attempt, started_at) VALUES (5, 1, 't')`).run();
    db.prepare(`INSERT INTO sync_state (key, value) VALUES ('cursor', '4242'), ('head', '4242')`).run();
    migrate(db, migrations, 8);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT id, uid, lease_holder FROM loc_requests').all()).toEqual([{ id: 5, uid: null, lease_holder: null }]);
    expect(db.prepare('SELECT generation, stop_requested_at FROM loc_work').get()).toEqual({ generation: 1, stop_requested_at: null });
    expect(db.prepare('SELECT generation, run_uid FROM robot_runs').get()).toEqual({ generation: 1, run_uid: null });
    // Rows pulled before carry no uid until they change; the cloud names them on their leases.
    expect(db.prepare(`SELECT value FROM sync_state WHERE key = 'cursor'`).pluck().get()).toBe('4242');
  });

  it('finds a member\'s earlier requests of one config through an index, as the repeat-tap check asks', () => {
    const db = memoryAt(8);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM loc_requests WHERE member_id = 1 AND kind = 'crosssell' AND crosssell_config_id = 2 AND requested_at < 'x'`,
      )
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX loc_requests_member_config/);
  });
});
