import type { Migration } from '../migrate';

/**
 * Reasons kept as data beside their text, so each screen says them in its viewer's language:
 * - loc_transitions and loc_work get reason_key (a message's name, such as customerNotFound or
 *   completedByStaff) and reason_params (its parameters as a JSON array). The text stays as it
 *   was written, for the cloud and the logs, and for rows from before, which have no key. A robot
 *   run's error gets the same (error_key, error_params).
 * - workstation_settings: settings of this workstation alone (never synced), such as the name
 *   its robot goes by on staff screens.
 */
export const reasonsAsData: Migration = {
  version: 11,
  name: 'reasons-as-data',
  up(db) {
    db.exec(`
      ALTER TABLE loc_transitions ADD COLUMN reason_key TEXT;
      ALTER TABLE loc_transitions ADD COLUMN reason_params TEXT;
      ALTER TABLE loc_work ADD COLUMN reason_key TEXT;
      ALTER TABLE loc_work ADD COLUMN reason_params TEXT;
      ALTER TABLE robot_runs ADD COLUMN error_key TEXT;
      ALTER TABLE robot_runs ADD COLUMN error_params TEXT;

      CREATE TABLE workstation_settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
    `);
  },
};
