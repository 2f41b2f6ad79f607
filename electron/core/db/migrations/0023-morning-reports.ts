import type { Migration } from '../migrate';

/**
 * The morning report: one row per night the robot ran by itself, kept as history. Its figures
 * are taken from the journal when the night ends and kept as they were then, so a report reads
 * the same however the requests move on during the day. needs_manual_items holds each request
 * handed to a person with its reason as data (key and parameters, and the text it was written
 * with), so the screen says it in the viewer's language. seen_at: when staff dismissed it.
 */
export const morningReports: Migration = {
  version: 23,
  name: 'morning-reports',
  up(db) {
    db.exec(`
      CREATE TABLE morning_reports (
        id                  INTEGER PRIMARY KEY,
        night_start         TEXT NOT NULL UNIQUE,
        night_end           TEXT NOT NULL,
        time_zone           TEXT NOT NULL,
        processed           INTEGER NOT NULL CHECK (processed >= 0),
        done                INTEGER NOT NULL CHECK (done >= 0),
        needs_manual        INTEGER NOT NULL CHECK (needs_manual >= 0),
        duplicates_refused  INTEGER NOT NULL CHECK (duplicates_refused >= 0),
        retrying            INTEGER NOT NULL CHECK (retrying >= 0),
        work_ms             INTEGER NOT NULL CHECK (work_ms >= 0),
        usage_done          INTEGER NOT NULL CHECK (usage_done >= 0),
        usage_period        TEXT NOT NULL,
        usage_period_done   INTEGER NOT NULL CHECK (usage_period_done >= 0),
        needs_manual_items  TEXT NOT NULL DEFAULT '[]',
        made_at             TEXT NOT NULL,
        seen_at             TEXT,
        CHECK (night_end > night_start)
      );
    `);
  },
};
