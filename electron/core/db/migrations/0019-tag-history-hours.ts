import type { Migration } from '../migrate';

/**
 * Tag history counts per hour instead of per Japan day, so a Taipei shop's history is counted in
 * Taipei days: a day in any zone the shop can pick (Tokyo, Taipei; whole hours from UTC) is a run
 * of 24 whole UTC hours, and tags.history sums them by the shop's zone when it is asked
 * (db/queries/tags-history.ts). Switching the zone needs no recount.
 *
 * `hour` is whole hours since the epoch (UTC); the key starts with the tag, since the screen asks
 * for one tag's period (and all tags' is one range per tag). The hours come from the history rows still held;
 * what a Japan day counted beyond them (changes of members deleted since, whose rows went with
 * them) stays counted, at that day's first hour, so every Japan day keeps its total.
 */
export const tagHistoryHours: Migration = {
  version: 19,
  name: 'tag-history-hours',
  up(db) {
    db.exec(`
      CREATE TABLE tag_history_hours (
        hour     INTEGER NOT NULL CHECK (typeof(hour) = 'integer'),
        tag_id   INTEGER NOT NULL,
        action   TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        source   TEXT NOT NULL CHECK (source IN ('manual', 'rule', 'robot', 'cloud')),
        changes  INTEGER NOT NULL CHECK (changes > 0),
        PRIMARY KEY (tag_id, hour, action, source)
      ) WITHOUT ROWID;
      INSERT INTO tag_history_hours (hour, tag_id, action, source, changes)
        SELECT at / 3600000, tag_id, action, source, count(*) FROM member_tag_history GROUP BY 1, 2, 3, 4;
      INSERT INTO tag_history_hours (hour, tag_id, action, source, changes)
        SELECT (unixepoch(d.day) - 9 * 3600) / 3600, d.tag_id, d.action, d.source, d.changes - coalesce(h.changes, 0)
        FROM tag_history_days d
        LEFT JOIN (
          SELECT date(at / 1000, 'unixepoch', '+9 hours') AS day, tag_id, action, source, count(*) AS changes
          FROM member_tag_history GROUP BY 1, 2, 3, 4
        ) h USING (day, tag_id, action, source)
        WHERE d.changes > coalesce(h.changes, 0)
        ON CONFLICT (tag_id, hour, action, source) DO UPDATE SET changes = changes + excluded.changes;
      DROP TABLE tag_history_days;
    `);
  },
};
