import type { Migration } from '../migrate';

/**
 * A work row whose last change the cloud refused follows the cloud again: its status is read
 * from the server state (loc_requests) until this workstation changes the request again, so a
 * refused completion no longer shows the request done, and what the feed brings later shows.
 * Rows written before are this workstation's own (0), as they were.
 */
export const workFollowsCloud: Migration = {
  version: 24,
  name: 'work-follows-cloud',
  up(db) {
    db.exec(`ALTER TABLE loc_work ADD COLUMN follows_cloud INTEGER NOT NULL DEFAULT 0 CHECK (follows_cloud IN (0, 1));`);
  },
};
