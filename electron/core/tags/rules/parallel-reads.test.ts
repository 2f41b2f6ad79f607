import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../test/fixtures/tmp';
import { readInWorker } from './parallel-reads';

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
