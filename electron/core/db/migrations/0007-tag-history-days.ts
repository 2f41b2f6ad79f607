import type { Migration } from '../migrate';

/**
 * Tag history sized for rule evaluations that write millions of changes at once.
 *
 * member_tag_history keeps its time as an integer (milliseconds since the epoch, UTC) instead of
 * 24 characters of text, in the row and in the per-member index: a third of the row's bytes.
 * The per-tag, per-day counts move from an index over every history row (member_tag_history_tag_at,
 * one entry per change, each landing in the middle of the index) to tag_history_days, one row per
 * Japan day, tag, action and source, written in the same transaction as the history it counts
 * (db/queries/tag-history-writes.ts). The counts are of changes made, so they stay when the
 * member is deleted later.
 *
 * Every stored stamp was written in one UTC form (sync/entity-writers.ts, tags/rules), which
 * unixepoch reads to the millisecond.
 */
export const tagHistoryDays: Migration = {
  version: 7,
  name: 'tag-history-days',
  up(db) {
    db.exec(`
      CREATE TABLE member_tag_history_v7 (
        id             INTEGER PRIMARY KEY,
        member_id      INTEGER NOT NULL REFERENCES members(id) ON DELETE CASCADE,
        tag_id         INTEGER NOT NULL,
        action         TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        source         TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'robot', 'cloud')),
        source_detail  TEXT,
        at             INTEGER NOT NULL CHECK (typeof(at) = 'integer')
      );
      INSERT INTO member_tag_history_v7 (id, member_id, tag_id, action, source, source_detail, at)
        SELECT id, member_id, tag_id, action, source, source_detail, CAST(round(unixepoch(at, 'subsec') * 1000) AS INTEGER)
        FROM member_tag_history ORDER BY id;
      DROP TABLE member_tag_history;
      ALTER TABLE member_tag_history_v7 RENAME TO member_tag_history;
      CREATE INDEX member_tag_history_member ON member_tag_history(member_id, at);

      CREATE TABLE tag_history_days (
        day      TEXT NOT NULL,
        tag_id   INTEGER NOT NULL,
        action   TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        source   TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'robot', 'cloud')),
        changes  INTEGER NOT NULL CHECK (changes > 0),
        PRIMARY KEY (day, tag_id, action, source)
      ) WITHOUT ROWID;
      INSERT INTO tag_history_days (day, tag_id, action, source, changes)
        SELECT date(at / 1000, 'unixepoch', '+9 hours'), tag_id, action, source, count(*)
        FROM member_tag_history GROUP BY 1, 2, 3, 4;
    `);
  },
};
