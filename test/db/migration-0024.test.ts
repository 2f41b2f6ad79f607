import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { workOf } from '../../electron/core/loc/transitions';
import { memoryAt } from '../fixtures/migrated';
import { insertMember } from '../fixtures/replica';

const request = `INSERT INTO loc_requests (id, uid, member_id, kind, status, requested_at, updated_at) VALUES (?, ?, 1, 'crosssell', ?, 't', 't')`;

describe('migration 24: a work row may follow the cloud', () => {
  it("keeps every work row written before as this workstation's own", () => {
    const db = memoryAt(23);
    insertMember(db, { id: 1, displayName: 'あや' });
    db.prepare(request).run(7, 'u-7', 'needs_manual');
    db.prepare(`INSERT INTO loc_work (loc_request_id, status, updated_at, generation) VALUES (7, 'done', 't', 2)`).run();
    migrate(db, migrations, 24);
    expect(schemaVersion(db)).toBe(24);
    expect(db.prepare('SELECT follows_cloud FROM loc_work').pluck().get()).toBe(0);
    expect(workOf(db, 7)).toMatchObject({ status: 'done', generation: 2 });
  });

  it("reads a following row's status from the cloud's, and takes nothing but 0 and 1", () => {
    const db = memoryAt(24);
    insertMember(db, { id: 1, displayName: 'あや' });
    db.prepare(request).run(8, 'u-8', 'running');
    db.prepare(`INSERT INTO loc_work (loc_request_id, status, updated_at, generation, follows_cloud) VALUES (8, 'done', 't', 3, 1)`).run();
    // Worked by another workstation's robot: to this one, a request waiting for someone.
    expect(workOf(db, 8)).toMatchObject({ status: 'queued', generation: 3 });
    expect(() => db.prepare('UPDATE loc_work SET follows_cloud = 2').run()).toThrow(/CHECK/);
  });
});
