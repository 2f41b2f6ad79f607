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
  // Per-member purchase, customer and subscription figures (condition-sql.ts factsStatements).
  `tr_facts (member_id INTEGER PRIMARY KEY, amount INTEGER NOT NULL DEFAULT 0, purchases INTEGER NOT NULL DEFAULT 0,
    first_at INTEGER, last_at INTEGER, last_due INTEGER, customers INTEGER NOT NULL DEFAULT 0, max_continuation INTEGER,
    statuses INTEGER NOT NULL DEFAULT 0)`,
  'tr_courses (course_name TEXT NOT NULL, member_id INTEGER NOT NULL, PRIMARY KEY (course_name, member_id)) WITHOUT ROWID',
  'tr_items (member_id INTEGER NOT NULL, product_code TEXT NOT NULL, product_name TEXT NOT NULL)',
  'tr_rules (position INTEGER PRIMARY KEY, rule_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL)',
  // Each net change: the member and the position of the rule that made it (tr_rules has the rest).
  'tr_change_rows (seq INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, position INTEGER NOT NULL)',
];
const names = tables.map((t) => t.slice(0, t.indexOf(' ')));

/** The statement that creates one of the tables, for another connection (parallel-reads.ts). */
export function tempTableStatement(name: string): string {
  const table = tables[names.indexOf(name)];
  if (!table) throw new RangeError(`No temp table ${name}.`);
  return `CREATE TEMP TABLE IF NOT EXISTS ${table}`;
}

/** The changes with their rule's tag, action, id and source detail: what the writes and the preview read. */
const changesView = `tr_changes AS SELECT c.seq, c.member_id, r.tag_id, r.action, r.rule_id, r.detail, c.position
  FROM temp.tr_change_rows c JOIN temp.tr_rules r ON r.position = c.position`;

const ready = new WeakSet<Db>();

/** Makes sure the tables exist and are empty. */
export function resetTempTables(db: Db): void {
  if (!ready.has(db)) {
    for (const name of names) db.exec(tempTableStatement(name));
    db.exec(`CREATE TEMP VIEW IF NOT EXISTS ${changesView}`);
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
