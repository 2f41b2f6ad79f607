import type { Migration } from '../migrate';

/**
 * Which members the tag rules have not seen since their data last changed, kept by triggers in the
 * same transaction as the change, whoever writes it (sync, the robot, staff), so a crash between
 * a write and its evaluation loses nothing. An evaluation clears the members it covered; the
 * quarter-hour run evaluates whoever is left (and the members a "within N days" window moved
 * past) instead of every member. tag_rule_state remembers the rule set the last full evaluation
 * ran and when the last run was, so a changed rule set, or a tag a rule was waiting for, gets a
 * full evaluation. orders_time finds the purchases a window moved past by their instant
 * (ordered_at carries any offset, so the index is on the instant, not the text).
 *
 * Order items are reached through their order (a deleted order's items are gone with it, and the
 * order's own trigger has marked the member already). A tag a rule adds marks nobody: only an
 * evaluation writes those, and it has just settled that member.
 */
export const tagRulePending: Migration = {
  version: 6,
  name: 'tag-rule-pending',
  up(db) {
    db.exec(`
      CREATE TABLE tag_rule_pending (member_id INTEGER PRIMARY KEY);
      CREATE INDEX orders_time ON orders(unixepoch(ordered_at));
      CREATE TABLE tag_rule_state (
        id            INTEGER PRIMARY KEY CHECK (id = 1),
        rule_set      TEXT NOT NULL,
        evaluated_at  TEXT NOT NULL
      );

      CREATE TRIGGER members_tag_rules_insert AFTER INSERT ON members BEGIN
        INSERT OR IGNORE INTO tag_rule_pending (member_id) VALUES (NEW.id);
      END;
      CREATE TRIGGER members_tag_rules_operator AFTER UPDATE OF operator ON members BEGIN
        INSERT OR IGNORE INTO tag_rule_pending (member_id) VALUES (NEW.id);
      END;
      ${markOnWrite('cart_customers', (row) => `SELECT ${row}.member_id`, 'member_id')}
      ${markOnWrite('orders', customerMember)}
      ${markOnWrite('subscriptions', customerMember)}
      ${markOnWrite('order_items', (row) => `SELECT cc.member_id FROM orders o JOIN cart_customers cc ON cc.id = o.cart_customer_id WHERE o.id = ${row}.order_id`)}
      CREATE TRIGGER member_tags_tag_rules_insert AFTER INSERT ON member_tags WHEN NEW.source <> 'rule' BEGIN
        INSERT OR IGNORE INTO tag_rule_pending (member_id) VALUES (NEW.member_id);
      END;
      CREATE TRIGGER member_tags_tag_rules_update AFTER UPDATE OF member_id, tag_id ON member_tags BEGIN
        INSERT OR IGNORE INTO tag_rule_pending (member_id) VALUES (OLD.member_id), (NEW.member_id);
      END;
      CREATE TRIGGER member_tags_tag_rules_delete AFTER DELETE ON member_tags BEGIN
        INSERT OR IGNORE INTO tag_rule_pending (member_id) VALUES (OLD.member_id);
      END;
    `);
  },
};

/** The member of a row that names its cart customer. */
const customerMember = (row: 'NEW' | 'OLD') => `SELECT member_id FROM cart_customers WHERE id = ${row}.cart_customer_id`;

/**
 * A table's three triggers that mark the member a row belongs to: the new row's on insert, the old
 * and new row's on update (of `updateOf` only, when given), the old row's on delete.
 */
function markOnWrite(table: string, memberOf: (row: 'NEW' | 'OLD') => string, updateOf?: string): string {
  const mark = (members: string) => `INSERT OR IGNORE INTO tag_rule_pending (member_id) ${members};`;
  return `
    CREATE TRIGGER ${table}_tag_rules_insert AFTER INSERT ON ${table} BEGIN ${mark(memberOf('NEW'))} END;
    CREATE TRIGGER ${table}_tag_rules_update AFTER UPDATE${updateOf ? ` OF ${updateOf}` : ''} ON ${table} BEGIN
      ${mark(`${memberOf('OLD')} UNION ${memberOf('NEW')}`)}
    END;
    CREATE TRIGGER ${table}_tag_rules_delete AFTER DELETE ON ${table} BEGIN ${mark(memberOf('OLD'))} END;`;
}
