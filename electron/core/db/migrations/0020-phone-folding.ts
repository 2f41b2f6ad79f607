import type { Migration } from '../migrate';
import { registerSearchFunctions } from '../search-functions';

/**
 * Phones read as the robot reads them: the search index and the robot's cart check now share one
 * normalisation (members/phone-number.ts), which also folds `0081…` and `00886…` and the minus
 * sign between groups. Only the stored phones that now read differently are recomputed, with
 * their members' search documents, so a large replica is not re-indexed whole.
 */
export const phoneFolding: Migration = {
  version: 20,
  name: 'phone-folding',
  up(db) {
    registerSearchFunctions(db);
    db.exec(`
      CREATE TEMP TABLE refolded_members AS
        SELECT id FROM members WHERE phone_normalized IS NOT tanto_phone(phone);
      UPDATE members SET phone_normalized = tanto_phone(phone) WHERE id IN (SELECT id FROM refolded_members);
      UPDATE cart_customers SET phone_normalized = tanto_phone(phone) WHERE phone_normalized IS NOT tanto_phone(phone);
      DELETE FROM member_search WHERE rowid IN (SELECT id FROM refolded_members);
      INSERT INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id IN (SELECT id FROM refolded_members);
      DROP TABLE refolded_members;
    `);
  },
};
