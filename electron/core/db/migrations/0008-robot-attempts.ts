import type { Migration } from '../migrate';

/**
 * What the robot engine needs to work each request exactly once whoever else acts:
 * - loc_requests.uid, the cloud's identity of the request (unique across shops and clouds), from
 *   which the order marker, the LINE retry key and the robot's operation ids derive; and who holds
 *   the request's lease as the cloud last said (server state, from the feed). Rows pulled before
 *   have neither until their next change; the cloud names the request on every lease it grants,
 *   so the robot works them under that uid (reading the feed again would repeat tag history).
 * - crosssell_configs.repeat_window_hours: how long after a tap was done a repeat tap of the same
 *   config by the same member is not ordered again.
 * - loc_work.generation: a reopened request is a new attempt, with its own journal and operation
 *   ids; stop_requested_at: staff asked the robot to stop working the request.
 * - robot_runs.generation and run_uid: a run belongs to one attempt, and its operations are named
 *   by an id no other workstation's run shares.
 */
export const robotAttempts: Migration = {
  version: 8,
  name: 'robot-attempts',
  up(db) {
    db.exec(`
      ALTER TABLE loc_requests ADD COLUMN uid TEXT;
      ALTER TABLE loc_requests ADD COLUMN lease_holder TEXT;
      ALTER TABLE loc_requests ADD COLUMN lease_since TEXT;
      ALTER TABLE loc_requests ADD COLUMN lease_expires_at TEXT;
      CREATE INDEX loc_requests_member_config ON loc_requests(member_id, crosssell_config_id, requested_at);

      ALTER TABLE crosssell_configs ADD COLUMN repeat_window_hours INTEGER;

      ALTER TABLE loc_work ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE loc_work ADD COLUMN stop_requested_at TEXT;
      ALTER TABLE loc_work ADD COLUMN stop_requested_by TEXT;

      ALTER TABLE robot_runs ADD COLUMN generation INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE robot_runs ADD COLUMN run_uid TEXT;
      ALTER TABLE robot_runs ADD COLUMN holder TEXT;
      CREATE INDEX robot_runs_generation ON robot_runs(loc_request_id, generation);
    `);
  },
};
