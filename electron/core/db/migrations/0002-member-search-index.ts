import type { Migration } from '../migrate';

/**
 * A trigram full-text index over what staff type into the member search: names, kana, LINE
 * display name, phone digits, e-mail and the member's cart customer numbers. A LIKE scan of
 * every column costs a full table scan per keystroke; trigram matching answers substring
 * queries of three or more characters from the index. Triggers keep it in step with server
 * state, whoever writes it.
 */
export const memberSearchIndex: Migration = {
  version: 2,
  name: 'member-search-index',
  up(db) {
    db.exec(`
      CREATE VIEW member_search_doc AS
        SELECT m.id AS id,
               concat_ws(' ', m.display_name, m.name, m.name_kana,
                         replace(replace(m.phone, '-', ''), ' ', ''), m.email,
                         (SELECT group_concat(c.customer_number, ' ') FROM cart_customers c WHERE c.member_id = m.id)) AS doc
        FROM members m;

      CREATE VIRTUAL TABLE member_search USING fts5(
        doc, tokenize = 'trigram', content = '', contentless_delete = 1
      );

      CREATE TRIGGER members_search_insert AFTER INSERT ON members BEGIN
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id = NEW.id;
      END;
      CREATE TRIGGER members_search_update AFTER UPDATE ON members BEGIN
        DELETE FROM member_search WHERE rowid = OLD.id;
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id = NEW.id;
      END;
      CREATE TRIGGER members_search_delete AFTER DELETE ON members BEGIN
        DELETE FROM member_search WHERE rowid = OLD.id;
      END;

      CREATE TRIGGER cart_customers_search_insert AFTER INSERT ON cart_customers BEGIN
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id = NEW.member_id;
      END;
      CREATE TRIGGER cart_customers_search_update AFTER UPDATE OF customer_number, member_id ON cart_customers BEGIN
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id IN (OLD.member_id, NEW.member_id);
      END;
      CREATE TRIGGER cart_customers_search_delete AFTER DELETE ON cart_customers BEGIN
        INSERT OR REPLACE INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc WHERE id = OLD.member_id;
      END;

      INSERT INTO member_search(rowid, doc) SELECT id, doc FROM member_search_doc;
    `);
  },
};
