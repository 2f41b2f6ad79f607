import { readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../electron/core/db/backup';
import { openDatabase } from '../../electron/core/db/open';
import { insertMember } from '../fixtures/replica';
import { tempDir } from '../fixtures/tmp';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('backupDatabase', () => {
  it('writes a verified copy per day and keeps only the newest ones', async () => {
    const tmp = tempDir();
    cleanups.push(tmp.remove);
    const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
    cleanups.push(() => db.close());
    for (let i = 1; i <= 500; i++) insertMember(db, { id: i, displayName: `会員${i}` });
    const backups = path.join(tmp.dir, 'backups');
    mkdirSync(backups);
    for (let day = 1; day <= 9; day++) {
      const clock = { now: () => new Date(Date.UTC(2026, 10, day, 3)) };
      await backupDatabase(db, backups, clock, 7);
    }
    expect(readdirSync(backups).sort()).toEqual(
      [3, 4, 5, 6, 7, 8, 9].map((d) => `replica-2026-11-0${d}.sqlite`),
    );
    const copy = new Database(path.join(backups, 'replica-2026-11-09.sqlite'), { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM members').get()).toEqual({ n: 500 });
    copy.close();
  });
});
