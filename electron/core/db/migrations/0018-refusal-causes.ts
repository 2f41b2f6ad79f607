import type { Migration } from '../migrate';

/**
 * Why the cloud refused an operation and why a pulled change was quarantined, kept as a code
 * beside the words, so 同期状況 says what happened and what to do in the viewer's language and
 * keeps the cloud's or the parser's own words as the detail. Quarantined changes from before are
 * given their cause from the words the parser wrote (apply.ts), which took four fixed forms;
 * refusals from before keep no code and are said as a refusal in general.
 */
export const refusalCauses: Migration = {
  version: 18,
  name: 'refusal-causes',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN rejected_code TEXT;
      ALTER TABLE quarantined_changes ADD COLUMN cause TEXT;
      UPDATE quarantined_changes SET cause = CASE
        WHEN reason LIKE 'malformed change:%' THEN 'malformed'
        WHEN reason LIKE 'unknown entity %' THEN 'unknown_entity'
        WHEN reason LIKE '% refused by the database:%' THEN 'refused'
        WHEN reason LIKE 'invalid %' THEN 'invalid'
      END;
    `);
  },
};
