import type { Migration } from '../migrate';

/**
 * Who finished a LOC request, as the cloud last said (server state, from the feed): the robot of a
 * workstation, named as the shop names that workstation, or a member of staff by the name they
 * gave. Requests finished before the cloud recorded it have neither, and are shown without one.
 */
export const locFinisher: Migration = {
  version: 9,
  name: 'loc-finisher',
  up(db) {
    db.exec(`
      ALTER TABLE loc_requests ADD COLUMN finished_by TEXT CHECK (finished_by IN ('robot', 'staff'));
      ALTER TABLE loc_requests ADD COLUMN finished_by_name TEXT;
    `);
  },
};
