import type { Db } from '../../db/open';
import { dataConditionQuery, factsQuery, type DataCondition } from './condition-sql';
import { inCreationOrder } from './rule-order';
import type { RuleCondition, TagRule } from './rule-schema';
import { ruleSourceDetail } from './source-detail';
import { cached, resetTempTables } from './temp-tables';

export type EvaluationScope = { kind: 'all' } | { kind: 'members'; ids: readonly number[] };

export interface ComputeOutcome {
  /** Net changes left in temp.tr_changes, in rule order then member id. */
  changes: number;
  /** Passes over the rules until one changed nothing (see computeRuleChanges). */
  passes: number;
  /** False when the pass bound was reached before the tags settled; cannot happen for a set findRuleCycles accepts. */
  settled: boolean;
  /** Enabled rules left out because their tag is not in the replica (yet). */
  skippedRuleIds: number[];
  /** Members each rule matched in the first pass, by rule id: what the benchmark and preview report. */
  matched: Map<number, number>;
}

interface Compiled {
  rule: TagRule;
  /** One entry per group: the data condition tables and trigger-tag tests it needs. */
  groups: Array<{ tables: number[]; triggers: Array<{ tagId: number; has: boolean }> }>;
}

/**
 * Works out what the rules change, into temp.tr_changes, without touching the replica.
 *
 * Every data condition is computed once, as a set of member ids. The rules then run in creation
 * order over a working copy of the tags they read or write, each seeing what the earlier ones
 * did. A pass in which nothing changes ends the evaluation; otherwise the members that changed
 * go through another pass (a pass changes a member when its tags at the end differ from
 * the start), so a chain ordered against creation order (tag B when A, created
 * before "A when product X") settles too, and evaluating again finds nothing to do. Each
 * member's tags depend only on that member's data, so evaluating some members gives them
 * exactly what a full evaluation would. Only the net change per member and tag is kept: when
 * one rule adds a tag and a later one removes it, the member's tags stay as they were (the
 * later rule wins) and nothing is written.
 */
export function computeRuleChanges(db: Db, rules: readonly TagRule[], scope: EvaluationScope, nowSeconds: number): ComputeOutcome {
  const full = scope.kind === 'all';
  const existingTags = new Set(cached(db, 'SELECT id FROM tags').pluck().all() as number[]);
  const enabled = inCreationOrder(rules.filter((r) => r.enabled !== false));
  const active = enabled.filter((r) => existingTags.has(r.tagId));
  const skippedRuleIds = enabled.filter((r) => !existingTags.has(r.tagId)).map((r) => r.id);

  const conditionKeys = new Map<string, { index: number; condition: DataCondition }>();
  const compiled: Compiled[] = active.map((rule) => ({
    rule,
    groups: rule.groups.map((group) => {
      const tables: number[] = [];
      const triggers: Array<{ tagId: number; has: boolean }> = [];
      for (const c of group) {
        if (c.kind === 'triggerTag') {
          triggers.push({ tagId: c.tagId, has: c.has });
          continue;
        }
        const key = conditionKey(c);
        let entry = conditionKeys.get(key);
        if (!entry) conditionKeys.set(key, (entry = { index: conditionKeys.size, condition: c }));
        if (!tables.includes(entry.index)) tables.push(entry.index);
      }
      return { tables, triggers };
    }),
  }));

  resetTempTables(db);
  if (full) cached(db, 'INSERT INTO temp.tr_scope (member_id) SELECT id FROM members').run();
  else {
    const insert = cached(db, 'INSERT OR IGNORE INTO temp.tr_scope (member_id) SELECT id FROM members WHERE id = ?');
    for (const id of scope.ids) insert.run(id);
  }
  cached(db, 'INSERT INTO temp.tr_pass SELECT member_id FROM temp.tr_scope').run();

  const needsFacts = [...conditionKeys.values()].some((e) => e.condition.kind === 'purchaseCount' || e.condition.kind === 'purchaseAmount');
  if (needsFacts) cached(db, factsQuery(full)).run();
  const sizes: number[] = [];
  for (const { index, condition } of conditionKeys.values()) {
    const q = dataConditionQuery(condition, { full, nowSeconds });
    sizes[index] = cached(db, `INSERT OR IGNORE INTO temp.tr_cond (cond, member_id) SELECT ${index}, member_id FROM (${q.sql})`).run(...q.params).changes;
  }

  const managedTags = new Set<number>();
  for (const c of compiled) {
    managedTags.add(c.rule.tagId);
    for (const g of c.groups) for (const t of g.triggers) managedTags.add(t.tagId);
  }
  cached(
    db,
    `INSERT INTO temp.tr_work (tag_id, member_id, rule_id)
     SELECT mt.tag_id, mt.member_id, NULL FROM ${full ? 'member_tags mt' : 'temp.tr_scope sc CROSS JOIN member_tags mt ON mt.member_id = sc.member_id'}
     WHERE mt.tag_id IN (SELECT value FROM json_each(?))`,
  ).run(JSON.stringify([...managedTags]));
  const insertRule = cached(db, 'INSERT INTO temp.tr_rules (rule_id, position, tag_id, detail) VALUES (?, ?, ?, ?)');
  compiled.forEach((c, position) => insertRule.run(c.rule.id, position, c.rule.tagId, ruleSourceDetail(c.rule)));

  const steps = compiled.map((c) => ruleSteps(db, c, sizes));
  // Members whose working tags differ from the pass's start; a rule undone by a later one in
  // the same pass is no difference, so opposite rules on one tag settle at once. Only the tags a
  // rule changed are compared, so the check costs what the pass changed, not what members hold.
  const differing = cached(
    db,
    `INSERT OR IGNORE INTO temp.tr_next (member_id)
     SELECT l.member_id FROM temp.tr_log l
     WHERE l.was <> EXISTS (SELECT 1 FROM temp.tr_work w WHERE w.tag_id = l.tag_id AND w.member_id = l.member_id)`,
  );
  const matched = new Map<number, number>();
  const maxPasses = compiled.length + 1;
  let passes = 0;
  let settled = false;
  while (passes < maxPasses) {
    passes += 1;
    const restrict = passes > 1 || !full;
    cached(db, 'DELETE FROM temp.tr_log').run();
    cached(db, 'DELETE FROM temp.tr_next').run();
    for (const step of steps) {
      const hits = step.match(restrict);
      if (passes === 1) matched.set(step.ruleId, hits);
      step.apply();
    }
    if (differing.run().changes === 0) {
      settled = true;
      break;
    }
    cached(db, 'DELETE FROM temp.tr_pass').run();
    cached(db, 'INSERT INTO temp.tr_pass SELECT member_id FROM temp.tr_next').run();
  }

  const changes = cached(
      db,
      `INSERT INTO temp.tr_changes (member_id, tag_id, action, rule_id)
       SELECT x.member_id, x.tag_id, x.action, x.rule_id FROM (
         SELECT w.member_id, w.tag_id, 'add' AS action, w.rule_id FROM temp.tr_work w
         WHERE w.rule_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = w.member_id AND mt.tag_id = w.tag_id)
         UNION ALL
         SELECT g.member_id, g.tag_id, 'remove', g.rule_id FROM temp.tr_gone g
         WHERE EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = g.member_id AND mt.tag_id = g.tag_id)
       ) x JOIN temp.tr_rules r ON r.rule_id = x.rule_id
       ORDER BY r.position, x.member_id`,
    ).run().changes;
  return { changes, passes, settled, skippedRuleIds, matched };
}

/** Conditions that differ only in key order are one set; withinDays differs by days, dates by date. */
function conditionKey(c: RuleCondition): string {
  return JSON.stringify(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}

interface RuleSteps {
  ruleId: number;
  /** Fills temp.tr_match with the members the rule matches now; restricted to temp.tr_pass after the first pass. */
  match(restrict: boolean): number;
  /** Applies the action to the working tags of the matched members. */
  apply(): void;
}

function ruleSteps(db: Db, c: Compiled, sizes: number[]): RuleSteps {
  const { id, tagId, action } = c.rule;
  const clear = cached(db, 'DELETE FROM temp.tr_match');
  const groupInserts = [false, true].map((restrict) => c.groups.map((g) => cached(db, groupSql(g, sizes, restrict))));
  const count = cached(db, 'SELECT count(*) FROM temp.tr_match').pluck();
  const inWork = `SELECT 1 FROM temp.tr_work w WHERE w.tag_id = ${tagId} AND w.member_id = m.member_id`;
  const apply =
    action === 'add'
      ? [
          cached(db, `INSERT OR IGNORE INTO temp.tr_log (tag_id, member_id, was) SELECT ${tagId}, m.member_id, 0 FROM temp.tr_match m WHERE NOT EXISTS (${inWork})`),
          cached(db, `INSERT INTO temp.tr_work (tag_id, member_id, rule_id) SELECT ${tagId}, m.member_id, ${id} FROM temp.tr_match m WHERE NOT EXISTS (${inWork})`),
          cached(db, `DELETE FROM temp.tr_gone WHERE tag_id = ${tagId} AND member_id IN temp.tr_match`),
        ]
      : [
          cached(
            db,
            `INSERT OR IGNORE INTO temp.tr_log (tag_id, member_id, was)
             SELECT ${tagId}, w.member_id, 1 FROM temp.tr_work w WHERE w.tag_id = ${tagId} AND w.member_id IN temp.tr_match`,
          ),
          cached(
            db,
            `INSERT OR REPLACE INTO temp.tr_gone (tag_id, member_id, rule_id)
             SELECT ${tagId}, w.member_id, ${id} FROM temp.tr_work w WHERE w.tag_id = ${tagId} AND w.member_id IN temp.tr_match`,
          ),
          cached(db, `DELETE FROM temp.tr_work WHERE tag_id = ${tagId} AND member_id IN temp.tr_match`),
        ];
  return {
    ruleId: id,
    match(restrict) {
      clear.run();
      for (const insert of groupInserts[restrict ? 1 : 0]!) insert.run();
      return count.get() as number;
    },
    apply() {
      for (const statement of apply) statement.run();
    },
  };
}

function groupSql(group: Compiled['groups'][number], sizes: number[], restrict: boolean): string {
  const tables = [...group.tables].sort((a, b) => sizes[a]! - sizes[b]!);
  const filters: string[] = [];
  let from: string;
  const tagDriver = tables.length === 0 ? group.triggers.find((t) => t.has) : undefined;
  if (tables.length > 0) {
    from = `(SELECT member_id FROM temp.tr_cond WHERE cond = ${tables.shift()!}) x`;
  } else if (tagDriver) {
    from = `(SELECT member_id FROM temp.tr_work WHERE tag_id = ${tagDriver.tagId}) x`;
  } else {
    from = 'temp.tr_scope x';
  }
  for (const t of tables) filters.push(`EXISTS (SELECT 1 FROM temp.tr_cond c WHERE c.cond = ${t} AND c.member_id = x.member_id)`);
  for (const t of group.triggers) {
    if (t === tagDriver) continue;
    filters.push(`${t.has ? '' : 'NOT '}EXISTS (SELECT 1 FROM temp.tr_work w WHERE w.tag_id = ${t.tagId} AND w.member_id = x.member_id)`);
  }
  if (restrict) filters.push('x.member_id IN temp.tr_pass');
  return `INSERT OR IGNORE INTO temp.tr_match (member_id) SELECT x.member_id FROM ${from}${filters.length ? ` WHERE ${filters.join(' AND ')}` : ''}`;
}
