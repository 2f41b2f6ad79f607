import Database from 'better-sqlite3';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPrng } from '../../../../sandbox/cloud/prng';
import { generateRules, generateShop } from '../../../../test/fixtures/random-shop';
import { tempDir } from '../../../../test/fixtures/tmp';
import { openDatabase } from '../../db/open';
import { evaluateAllMembers } from './evaluate';
import { readInWorker } from './parallel-reads';
import { allMemberTags, fixedClock, openReplica } from './rule-test-support';

describe('reads on a second connection', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;

  beforeEach(() => {
    tmp = tempDir();
    file = path.join(tmp.dir, 'replica.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (member_id INTEGER, course TEXT); INSERT INTO t VALUES (3, \'定期\'), (1, \'定期\'), (2, NULL)');
    db.close();
  });
  afterEach(() => tmp.remove());

  it('answers each query in order, after the setup statements ran on the same connection', () => {
    const reads = readInWorker(
      file,
      ['CREATE TEMP TABLE courses (member_id INTEGER)', 'INSERT INTO courses SELECT member_id FROM t WHERE course = \'定期\''],
      [
        { sql: 'SELECT group_concat(member_id) FROM (SELECT member_id FROM courses ORDER BY member_id)', params: [] },
        { sql: 'SELECT group_concat(member_id) FROM t WHERE member_id > ?', params: [5] },
        { sql: 'SELECT course FROM t WHERE member_id = ?', params: [3] },
      ],
    );
    expect(reads.take()).toEqual(['1,3', null, '定期']);
  });

  it('reports a failing query with its cause', () => {
    expect(() => readInWorker(file, [], [{ sql: 'SELECT nope FROM t', params: [] }]).take()).toThrow(/condition reader failed: no such column: nope/);
  });

  it('reports a replica it cannot open', () => {
    expect(() => readInWorker(path.join(tmp.dir, 'missing.sqlite'), [], [{ sql: 'SELECT 1', params: [] }]).take()).toThrow(/condition reader failed/);
  });

  it('cannot write to the replica', () => {
    expect(() => readInWorker(file, ['DELETE FROM t'], []).take()).toThrow(/readonly/);
  });
});

describe('a full evaluation whose second connection cannot read', () => {
  it('reads every condition on its own connection, with the same result', () => {
    const now = new Date('2026-11-23T03:00:00.000Z');
    const rules = generateRules(createPrng(3), 20);
    const reference = openReplica();
    generateShop(reference, { members: 500, orders: 2_500, seed: 8, now });
    evaluateAllMembers(reference, rules, { clock: fixedClock(now.toISOString()) });

    const tmp = tempDir();
    const file = path.join(tmp.dir, 'replica.sqlite');
    const db = openDatabase(file, { quickCheck: false });
    try {
      generateShop(db, { members: 500, orders: 2_500, seed: 8, now });
      // The open connection keeps its file; a reader opening it by name finds nothing there.
      renameSync(file, path.join(tmp.dir, 'moved.sqlite'));
      const result = evaluateAllMembers(db, rules, { clock: fixedClock(now.toISOString()), parallelFrom: 0 });
      expect(result.parallel).toBe(false);
      expect(result.changes).toBeGreaterThan(100);
      expect(allMemberTags(db)).toEqual(allMemberTags(reference));
    } finally {
      db.close();
      reference.close();
      tmp.remove();
    }
  });
});
