import type { Migration } from '../migrate';
import { registerSearchFunctions } from '../search-functions';

/**
 * Member search that finds a name however it was typed or stored, and a phone number in any of
 * the forms people write. The index holds names folded as a typed query is folded
 * (queries/search-text.ts: NFKC, no spaces, katakana as hiragana) and phones normalised (digits,
 * +81/+886 as the domestic number). Phones also get a column of their own on members and cart
 * customers, indexed, for whole-number lookups.
 *
 * The folding is JavaScript registered on the connection (search-functions.ts): a nested
 * replace() over the kana and width tables in plain SQL made every member write three times
 * slower, which the feed's ingest cannot afford. A tool that writes members without those
 * functions (a bare sqlite3 shell) is refused with "no such function" rather than leaving the
 * index wrong.
 *
 * With them, an index for the completed list's filter by completion date, which the same screens
 * ask for.
 */
export const searchFolding: Migration = {
  version: 17,
  name: 'search-folding',
  up(db) {
    registerSearchFunctions(db);
    db.exec(`
      ALTER TABLE members ADD COLUMN phone_normalized TEXT;
      UPDATE members SET phone_normalized = tanto_phone(phone) WHERE phone IS NOT NULL;
      CREATE INDEX members_phone_normalized ON members(phone_normalized);
      CREATE TRIGGER members_phone_insert AFTER INSERT ON members WHEN NEW.phone IS NOT NULL BEGIN
        UPDATE members SET phone_normalized = tanto_phone(NEW.phone) WHERE id = NEW.id;
      END;
      CREATE TRIGGER members_phone_update AFTER UPDATE OF phone ON members BEGIN
        UPDATE members SET phone_normalized = tanto_phone(NEW.phone) WHERE id = NEW.id;
      END;

      ALTER TABLE cart_customers ADD COLUMN phone_normalized TEXT;
      UPDATE cart_customers SET phone_normalized = tanto_phone(phone) WHERE phone IS NOT NULL;
      CREATE INDEX cart_customers_phone_normalized ON cart_customers(phone_normalized);
      CREATE TRIGGER cart_customers_phone_insert AFTER INSERT ON cart_customers WHEN NEW.phone IS NOT NULL BEGIN
        UPDATE cart_customers SET phone_normalized = tanto_phone(NEW.phone) WHERE id = NEW.id;
      END;
      CREATE TRIGGER cart_customers_phone_update AFTER UPDATE OF phone ON cart_customers BEGIN
        UPDATE cart_customers SET phone_normalized = tanto_phone(NEW.phone) WHERE id = NEW.id;
      END;

      DROP VIEW member_search_doc;
      CREATE VIEW member_search_doc AS
        SELECT m.id AS id,
               concat_ws(char(10), tanto_fold(m.display_name), tanto_fold(m.name), tanto_fold(m.name_kana),
                         tanto_phone(m.phone), m.email,
                         (SELECT group_concat(c.customer_number, ' ') FROM cart_customers c WHERE c.member_id = m.id)) AS doc
        FROM members m;

      -- Only a change to what the index holds re-indexes a member, not the phone column above
      -- being filled in or an operator being assigned.
      DROP TRIGGER members_search_update;
      CREATE TRIGGER members_search_update AFTER UPDATE OF display_name, name, name_kana, phone, email ON members BEGIN
        DELETE FROM member_search WHERE rowid = OLD.id;
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id = NEW.id;
      END;

      -- The completed list filters by when a request was finished, the date it shows.
      CREATE INDEX loc_requests_completed ON loc_requests(completed_at);

      INSERT INTO member_search(member_search) VALUES ('delete-all');
      INSERT INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc;
    `);
  },
};
