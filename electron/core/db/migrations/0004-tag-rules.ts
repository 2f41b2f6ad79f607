import type { Migration } from '../migrate';

/**
 * Tag auto-setting rules, as the cloud holds them (server state, written by the pull side only).
 * Rules are evaluated in creation order, so created_at is the cloud's, kept through every update.
 *
 * member_tag_history also gets the index that per-tag, per-day counts read: tag first, so the
 * counts of one tag, or of every tag one after another, are a range of the index each; and
 * covering (action, source), so counting never visits the table.
 */
export const tagRules: Migration = {
  version: 4,
  name: 'tag-rules',
  up(db) {
    db.exec(`
      CREATE TABLE tag_rules (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        action      TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        match       TEXT NOT NULL CHECK (match IN ('all', 'any')),
        groups      TEXT NOT NULL CHECK (json_valid(groups) AND json_type(groups) = 'array'),
        enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      );
      CREATE INDEX tag_rules_tag ON tag_rules(tag_id);

      CREATE INDEX member_tag_history_tag_at ON member_tag_history(tag_id, at, action, source);
    `);
  },
};
