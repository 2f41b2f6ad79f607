import type { Migration } from '../migrate';

/**
 * The shop's own list of the people who work the screens, kept on this workstation: staff pick
 * their name from it when they complete a request or name a 担当オペレーター in a tag rule,
 * instead of typing it every time. Names are compared as the shop wrote them; a name is on the
 * list once.
 */
export const staffList: Migration = {
  version: 15,
  name: 'staff-list',
  up(db) {
    db.exec(`
      CREATE TABLE staff_members (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        created_at TEXT NOT NULL
      );
    `);
  },
};
