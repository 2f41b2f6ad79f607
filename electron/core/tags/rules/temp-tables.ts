import type { Statement } from 'better-sqlite3';
import type { Db } from '../../db/open';

/**
 * The evaluator's working tables, in the connection's temp schema: nothing here is ever part of
 * the replica file, so computing (and previewing) writes nothing to it. They are created once per
 * connection and emptied after each evaluation: creating and dropping tables every time would be
 * a schema change that expires every prepared statement on the connection.
 */
const tables = [
  'tr_scope (member_id INTEGER PRIMARY KEY)',
  'tr_pass (member_id INTEGER PRIMARY KEY)',
  'tr_next (member_id INTEGER PRIMARY KEY)',
  'tr_match (member_id INTEGER PRIMARY KEY)',
  // Each data condition's members, by the condition's number in this evaluation.
  'tr_cond (cond INTEGER NOT NULL, member_id INTEGER NOT NULL, PRIMARY KEY (cond, member_id)) WITHOUT ROWID',
  'tr_facts (member_id INTEGER PRIMARY KEY, amount INTEGER NOT NULL, purchases INTEGER NOT NULL, max_continuation INTEGER)',
  // The tags rules read or write, as they stand while the rules run; rule_id is who added it.
  'tr_work (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, rule_id INTEGER, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  // Each tag a rule changed during the pass, with whether the member had it when the pass began.
  'tr_log (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, was INTEGER NOT NULL, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  // Tags a rule removed during this evaluation, and which rule.
  'tr_gone (tag_id INTEGER NOT NULL, member_id INTEGER NOT NULL, rule_id INTEGER NOT NULL, PRIMARY KEY (tag_id, member_id)) WITHOUT ROWID',
  'tr_rules (rule_id INTEGER PRIMARY KEY, position INTEGER NOT NULL, tag_id INTEGER NOT NULL, detail TEXT NOT NULL)',
  'tr_changes (seq INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, action TEXT NOT NULL, rule_id INTEGER NOT NULL)',
];
const names = tables.map((t) => t.slice(0, t.indexOf(' ')));

const ready = new WeakSet<Db>();

/** Makes sure the tables exist and are empty. */
export function resetTempTables(db: Db): void {
  if (!ready.has(db)) {
    for (const t of tables) db.exec(`CREATE TEMP TABLE IF NOT EXISTS ${t}`);
    ready.add(db);
  }
  clearTempTables(db);
}

/** Empties the tables, giving their memory back, after an evaluation or preview. */
export function clearTempTables(db: Db): void {
  if (!ready.has(db)) return;
  for (const name of names) cached(db, `DELETE FROM temp.${name}`).run();
}

const statementCaches = new WeakMap<Db, Map<string, Statement>>();
const MAX_CACHED = 5_000;

/**
 * Statements by their SQL, prepared once per connection: the same rules give the same SQL, so
 * the incremental path, run for every change, prepares nothing after its first run.
 */
export function cached(db: Db, sql: string): Statement {
  let cache = statementCaches.get(db);
  if (!cache) statementCaches.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(sql, (statement = db.prepare(sql)));
  }
  return statement;
}
