import type { Db } from '../../db/open';

/**
 * The evaluator's working tables, in the connection's temp schema: nothing here is ever part of
 * the replica file, so computing (and previewing) writes nothing to it.
 */
const tables = [
  'tr_scope (member_id INTEGER PRIMARY KEY)',
  'tr_pass (member_id INTEGER PRIMARY KEY)',
  'tr_next (member_id INTEGER PRIMARY KEY)',
  // The working tags of the pass's members as the pass began, to see whether it changed them.
  'tr_snap (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  'tr_match (member_id INTEGER PRIMARY KEY)',
  'tr_facts (member_id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, purchases INTEGER NOT NULL, max_continuation INTEGER)',
  // The tags rules read or write, as they stand while the rules run; rule_id is who added it.
  'tr_work (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, rule_id INTEGER, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  // Tags a rule removed during this evaluation, and which rule.
  'tr_gone (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, rule_id INTEGER NOT NULL, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  'tr_rules (rule_id INTEGER PRIMARY KEY, position INTEGER NOT NULL, tag_id INTEGER NOT NULL, detail TEXT NOT NULL)',
  'tr_changes (seq INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, action TEXT NOT NULL, rule_id INTEGER NOT NULL)',
];

export function conditionTable(index: number): string {
  return `temp.tr_c${index}`;
}

export function createTempTables(db: Db, conditionTables: number): void {
  dropTempTables(db);
  for (const t of tables) db.exec(`CREATE TEMP TABLE ${t}`);
  for (let i = 0; i < conditionTables; i += 1) db.exec(`CREATE TEMP TABLE tr_c${i} (member_id INTEGER PRIMARY KEY)`);
}

export function dropTempTables(db: Db): void {
  const names = db
    .prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name GLOB 'tr_*'")
    .pluck()
    .all() as string[];
  for (const name of names) db.exec(`DROP TABLE temp.${name}`);
}
