import type { Migration } from '../migrate';

/**
 * The robot's local view of each LOC request it has touched, and the journal of every status
 * change with who made it. Both are local intent: the cloud learns of them through the outbox,
 * and loc_requests (server state) stays written by the pull side alone.
 */
export const robotWork: Migration = {
  version: 3,
  name: 'robot-work',
  up(db) {
    db.exec(`
      CREATE TABLE loc_work (
        loc_request_id   INTEGER PRIMARY KEY,
        status           TEXT NOT NULL
                         CHECK (status IN ('new', 'queued', 'leased', 'running', 'done', 'failed_retryable', 'needs_manual')),
        attempts         INTEGER NOT NULL DEFAULT 0,
        next_attempt_at  TEXT,
        reason           TEXT,
        updated_at       TEXT NOT NULL
      );
      CREATE INDEX loc_work_status ON loc_work(status, next_attempt_at);

      CREATE TABLE loc_transitions (
        id              INTEGER PRIMARY KEY,
        loc_request_id  INTEGER NOT NULL,
        from_status     TEXT NOT NULL,
        to_status       TEXT NOT NULL,
        event           TEXT NOT NULL,
        actor           TEXT NOT NULL CHECK (actor IN ('robot', 'staff', 'cloud')),
        actor_detail    TEXT,
        reason          TEXT,
        at              TEXT NOT NULL
      );
      CREATE INDEX loc_transitions_request ON loc_transitions(loc_request_id, id);

      CREATE INDEX run_steps_step ON run_steps(run_id, step, state);
    `);
  },
};
