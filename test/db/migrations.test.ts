import Database from 'better-sqlite3';
import { openSync, writeSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseError } from '../../electron/core/db/errors';
import { latestVersion, migrate, schemaVersion, type Migration } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { openDatabase } from '../../electron/core/db/open';
import { memoryAt } from '../fixtures/migrated';
import { insertCartCustomer, insertMember } from '../fixtures/replica';
import { tempDir } from '../fixtures/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function scratch(): string {
  const tmp = tempDir();
  cleanups.push(tmp.remove);
  return path.join(tmp.dir, 'replica.sqlite');
}

function tableNames(db: Database.Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name`).all() as Array<{ name: string }>).map(
    (r) => r.name,
  );
}

describe('migration 1: initial schema', () => {
  it('creates every table of schema v1 and sets user_version', () => {
    const db = memoryAt(1);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(
      expect.arrayContaining([
        'members', 'cart_customers', 'products', 'orders', 'order_items', 'subscriptions', 'tags', 'member_tags',
        'member_tag_history', 'crosssell_configs', 'loc_requests', 'robot_runs', 'run_steps', 'outbox', 'sync_state',
        'quarantined_changes',
      ]),
    );
  });

  it('refuses orphan rows and values outside the domain', () => {
    const db = memoryAt(1);
    expect(() => insertCartCustomer(db, { id: 1, memberId: 404, customerNumber: 'C1' })).toThrow(/FOREIGN KEY/);
    insertMember(db, { id: 1, displayName: 'a' });
    expect(() =>
      db.prepare(`INSERT INTO member_tags (member_id, tag_id, source, set_at) VALUES (1, 1, 'cloud', 'x')`).run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare(`INSERT INTO tags (id, name, updated_at) VALUES (1, 't', 'x')`).run();
    expect(() =>
      db.prepare(`INSERT INTO member_tags (member_id, tag_id, source, set_at) VALUES (1, 1, 'somebody', 'x')`).run(),
    ).toThrow(/CHECK/);
  });

  it('deleting a member removes its customers and tags but keeps the local journal', () => {
    const db = memoryAt(1);
    insertMember(db, { id: 1, displayName: 'a' });
    insertCartCustomer(db, { id: 1, memberId: 1, customerNumber: 'C1' });
    db.prepare(`INSERT INTO robot_runs (loc_request_id, attempt, started_at) VALUES (9, 1, 'x')`).run();
    db.prepare('DELETE FROM members WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM cart_customers').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM robot_runs').get()).toEqual({ n: 1 });
  });
});

describe('migration 2: member search index', () => {
  it('indexes members that existed before the migration', () => {
    const db = memoryAt(1);
    insertMember(db, { id: 7, displayName: 'さくら🌸', name: '佐藤 花子', phone: '090-1111-2222' });
    insertCartCustomer(db, { id: 1, memberId: 7, customerNumber: 'EC000777' });
    migrate(db, migrations, 2);
    const match = db.prepare(`SELECT rowid AS id FROM member_search WHERE member_search MATCH ?`);
    expect(match.all('"11112222"')).toEqual([{ id: 7 }]);
    expect(match.all('"ec000777"')).toEqual([{ id: 7 }]);
  });

  it('follows inserts, updates and deletes of members and cart customers', () => {
    const db = memoryAt(2);
    const match = db.prepare(`SELECT rowid AS id FROM member_search WHERE member_search MATCH ?`);
    insertMember(db, { id: 1, displayName: '山田', name: '山田 太郎' });
    insertCartCustomer(db, { id: 1, memberId: 1, customerNumber: 'C-123456' });
    expect(match.all('"123456"')).toEqual([{ id: 1 }]);
    db.prepare(`UPDATE members SET name = '鈴木 一郎' WHERE id = 1`).run();
    expect(match.all('"山田 太"')).toEqual([]);
    expect(match.all('"鈴木 一"')).toEqual([{ id: 1 }]);
    db.prepare('DELETE FROM cart_customers WHERE id = 1').run();
    expect(match.all('"123456"')).toEqual([]);
    db.prepare('DELETE FROM members WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) AS n FROM member_search').get()).toEqual({ n: 0 });
  });
});

describe('migration 3: robot work', () => {
  it('adds the robot work table and the transition journal, keeping data of version 2', () => {
    const db = memoryAt(2);
    insertMember(db, { id: 1, displayName: 'a' });
    migrate(db, migrations, 3);
    expect(schemaVersion(db)).toBe(3);
    expect(tableNames(db)).toEqual(expect.arrayContaining(['loc_work', 'loc_transitions']));
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(1);
  });

  it('refuses a work status outside the state machine and a transition without a known actor', () => {
    const db = memoryAt(3);
    expect(() => db.prepare(`INSERT INTO loc_work (loc_request_id, status, updated_at) VALUES (1, 'sleeping', 'x')`).run()).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO loc_transitions (loc_request_id, from_status, to_status, event, actor, at) VALUES (1, 'new', 'queued', 'queue', 'ghost', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});

describe('openDatabase', () => {
  it('brings a new file to the latest version with its pragmas', () => {
    const file = scratch();
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(schemaVersion(db)).toBe(latestVersion(migrations));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses a database newer than the code, with a clear message, and leaves it untouched', () => {
    const file = scratch();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatabaseError);
    expect((caught as DatabaseError).kind).toBe('too_new');
    expect((caught as Error).message).toMatch(/schema version 999.*only knows up to \d+.*Update Tanto/s);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    after.close();
  });

  it('refuses a corrupted file at open', () => {
    const file = scratch();
    const db = openDatabase(file);
    for (let i = 1; i <= 2000; i++) insertMember(db, { id: i, displayName: `member ${i}`, name: `名前 ${i}` });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const fd = openSync(file, 'r+');
    const size = statSync(file).size;
    writeSync(fd, Buffer.alloc(4096 * 4, 0xa5), 0, 4096 * 4, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    expect(() => openDatabase(file)).toThrow(DatabaseError);
    try {
      openDatabase(file);
    } catch (error) {
      expect((error as DatabaseError).kind).toBe('corrupted');
    }
  });

  it('applies each migration atomically: a failing one leaves the previous version', () => {
    const db = new Database(':memory:');
    cleanups.push(() => db.close());
    const broken: Migration[] = [
      { version: 1, name: 'ok', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'broken', up: (d) => d.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)') },
    ];
    expect(() => migrate(db, broken)).toThrow(/Migration 2 \(broken\) failed/);
    expect(schemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['a']);
  });
});
