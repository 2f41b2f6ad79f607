import type { Migration } from '../migrate';

/**
 * crosssell_configs.completion_status: the completion status the robot gives a request of this
 * config when it finishes it (one of the four staff use). Configs pulled before carry the usual
 * outcome of a one-tap cross-sell, クロスセル受付, until the cloud says otherwise.
 */
export const crosssellCompletionStatus: Migration = {
  version: 16,
  name: 'crosssell-completion-status',
  up(db) {
    db.exec(`ALTER TABLE crosssell_configs ADD COLUMN completion_status TEXT NOT NULL DEFAULT 'クロスセル受付';`);
  },
};
