import type { Db } from '../../db/open';
import { shopTimeZone } from '../../shop/time-zone';
import {
  coursesStatement,
  dataConditionQuery,
  factsStatements,
  ITEMS_STATEMENT,
  PRODUCT_KEYS,
  PRODUCT_KEYS_QUERY,
  productMatches,
  readsFacts,
  type ConditionQuery,
  type DataCondition,
  type ProductKey,
} from './condition-sql';
import { MemberIndex } from './member-index';
import { inCreationOrder } from './rule-order';
import type { RuleCondition, TagRule } from './rule-schema';
import { walkRules, type MemberSet, type WalkRule } from './rule-walk';
import { ruleSourceDetail } from './source-detail';
import { readInWorker } from './parallel-reads';
import { cached, resetTempTables, tempTableStatement } from './temp-tables';

export type EvaluationScope = { kind: 'all' } | { kind: 'members'; ids: readonly number[] };

export interface ComputeOutcome {
  /** Net changes left in temp.tr_changes, by member id then rule order. */
  changes: number;
  /** Of which adds. */
  adds: number;
  /** Members whose tags change, ascending. */
  memberIds: number[];
  /** The rule position (in tr_rules) of each change, by seq - 1. */
  positions: Uint16Array;
  /** Whether a second connection read some of the conditions (see ComputeOptions). */
  parallel: boolean;
  /** Most passes over the rules any member needed (see walkRules). */
  passes: number;
  /** False when the pass bound was reached before the tags settled; cannot happen for a set findRuleCycles accepts. */
  settled: boolean;
  /** Enabled rules left out because their tag is not in the replica (yet). */
  skippedRuleIds: number[];
  /** Members each rule matched in the first pass, by rule id: what the benchmark and preview report. */
  matched: Map<number, number>;
}

/** A change travels to SQLite as member id × RULE_SLOTS + the rule's position. */
const RULE_SLOTS = 65_536;
const MAX_MEMBER_ID = Math.floor(Number.MAX_SAFE_INTEGER / RULE_SLOTS);
const CHANGES_PER_STATEMENT = 200_000;

export interface ComputeOptions {
  /**
   * Full evaluations of at least this many members read the conditions that do not need the
   * per-member figures on a second connection while this one computes the figures.
   */
  parallelFrom?: number;
}

const PARALLEL_FROM = 100_000;

/**
 * Works out what the rules change, into temp.tr_changes, without touching the replica.
 *
 * SQLite does what it is good at: each distinct data condition becomes the set of members it
 * holds for, one statement each, and the members' current tags are read per tag. The rules then
 * run member by member in JavaScript over those sets (rule-walk.ts): in creation order, each rule
 * seeing what the earlier ones did, with further passes for a member until its tags settle. Each
 * member's tags depend only on that member's data, so evaluating some members gives them exactly
 * what a full evaluation would. Only the net change per member and tag is kept: when one rule adds
 * a tag and a later one removes it, the member's tags stay as they were and nothing is written.
 */
export function computeRuleChanges(db: Db, rules: readonly TagRule[], scope: EvaluationScope, nowSeconds: number, options: ComputeOptions = {}): ComputeOutcome {
  const full = scope.kind === 'all';
  const existingTags = new Set(cached(db, 'SELECT id FROM tags').pluck().all() as number[]);
  const enabled = inCreationOrder(rules.filter((r) => r.enabled !== false));
  const active = enabled.filter((r) => existingTags.has(r.tagId));
  const skippedRuleIds = enabled.filter((r) => !existingTags.has(r.tagId)).map((r) => r.id);
  if (active.length >= RULE_SLOTS) throw new RangeError(`At most ${RULE_SLOTS - 1} tag rules can be evaluated together.`);

  resetTempTables(db);
  if (full) cached(db, 'INSERT INTO temp.tr_scope (member_id) SELECT id FROM members').run();
  else {
    const insert = cached(db, 'INSERT OR IGNORE INTO temp.tr_scope (member_id) SELECT id FROM members WHERE id = ?');
    for (const id of scope.ids) insert.run(id);
  }
  const members = new MemberIndex(cached(db, 'SELECT group_concat(member_id) FROM (SELECT member_id FROM temp.tr_scope ORDER BY member_id)').pluck().get() as string | null);
  if (members.size > 0 && members.ids[members.size - 1]! > MAX_MEMBER_ID) throw new RangeError(`Member ids above ${MAX_MEMBER_ID} cannot be evaluated.`);

  const conditions = new ConditionSets(db, members, full, nowSeconds);
  const parallel =
    full && members.size >= (options.parallelFrom ?? PARALLEL_FROM) && !db.memory && !db.inTransaction
      ? conditions.prefetch(active.flatMap((rule) => rule.groups.flat().filter(isData)))
      : false;
  const slots = new Map<number, number>();
  const slotOf = (tagId: number): number => {
    let slot = slots.get(tagId);
    if (slot === undefined) slots.set(tagId, (slot = slots.size));
    return slot;
  };
  const walk: WalkRule[] = active.map((rule) => ({
    slot: slotOf(rule.tagId),
    add: rule.action === 'add',
    groups: rule.groups.map((group) => ({
      conditions: group.filter(isData).map((c) => conditions.set(c)),
      triggers: group.filter((c) => c.kind === 'triggerTag').map((c) => ({ slot: slotOf(c.tagId), has: c.has })),
    })),
  }));
  const tags = [...slots.keys()].map((tagId) => members.set(memberTagList(db, tagId, full)));

  const insertRule = cached(db, 'INSERT INTO temp.tr_rules (position, rule_id, tag_id, action, detail) VALUES (?, ?, ?, ?, ?)');
  active.forEach((rule, position) => insertRule.run(position, rule.id, rule.tagId, rule.action, ruleSourceDetail(rule)));

  const insertChanges = cached(
    db,
    `INSERT INTO temp.tr_change_rows (member_id, position) SELECT value / ${RULE_SLOTS}, value % ${RULE_SLOTS} FROM json_each(?)`,
  );
  let pending: number[] = [];
  let changes = 0;
  const flush = () => {
    if (pending.length === 0) return;
    changes += insertChanges.run(JSON.stringify(pending)).changes;
    pending = [];
  };
  let adds = 0;
  const memberIds: number[] = [];
  let positions: Uint16Array<ArrayBuffer> = new Uint16Array(1024);
  const outcome = walkRules(members.size, walk, tags, (member, rule) => {
    if (walk[rule]!.add) adds += 1;
    const seq = changes + pending.length;
    if (seq === positions.length) positions = grown(positions);
    positions[seq] = rule;
    // Changes come members ascending, so a member is new exactly when it differs from the last.
    const id = members.ids[member]!;
    if (memberIds[memberIds.length - 1] !== id) memberIds.push(id);
    pending.push(id * RULE_SLOTS + rule);
    if (pending.length === CHANGES_PER_STATEMENT) flush();
  });
  flush();

  const matched = new Map(active.map((rule, position) => [rule.id, outcome.matched[position]!]));
  return { changes, adds, memberIds, positions: positions.subarray(0, changes), parallel, passes: outcome.passes, settled: outcome.settled, skippedRuleIds, matched };
}

function grown(array: Uint16Array): Uint16Array<ArrayBuffer> {
  const bigger = new Uint16Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

function isData(c: RuleCondition): c is DataCondition {
  return c.kind !== 'triggerTag';
}

function memberTagList(db: Db, tagId: number, full: boolean): string | null {
  const sql = full
    ? 'SELECT group_concat(member_id) FROM member_tags WHERE tag_id = ?'
    : 'SELECT group_concat(mt.member_id) FROM temp.tr_scope sc CROSS JOIN member_tags mt ON mt.member_id = sc.member_id AND mt.tag_id = ?';
  return cached(db, sql).pluck().get(tagId) as string | null;
}

/** Each distinct data condition's members, computed on first use and shared by every rule that names it. */
class ConditionSets {
  private readonly sets = new Map<string, MemberSet>();
  private factsReady = false;
  private coursesReady = false;
  private itemsReady = false;
  private products: ProductKey[] | undefined;
  /** Read once per evaluation: a purchase date is a day of the shop's zone. */
  private readonly timeZone: string;

  constructor(
    private readonly db: Db,
    private readonly members: MemberIndex,
    private readonly full: boolean,
    private readonly nowSeconds: number,
  ) {
    this.timeZone = shopTimeZone(db);
  }

  set(c: DataCondition): MemberSet {
    const key = conditionKey(c);
    let set = this.sets.get(key);
    if (set) return set;
    if (readsFacts(c)) this.fillFacts();
    if (c.kind === 'courseName') this.fillCourses();
    if (c.kind === 'product' && !this.full) this.fillItems();
    const q = this.idListQuery(c);
    set = this.members.set(cached(this.db, q.sql).pluck().get(...q.params) as string | null);
    this.sets.set(key, set);
    return set;
  }

  /**
   * Fills every condition's set now: those that read the per-member figures here, the others at
   * the same time on a second connection (parallel-reads.ts). Returns false when the second
   * connection failed and this one read everything after all.
   */
  prefetch(all: readonly DataCondition[]): boolean {
    const distinct = [...new Map(all.map((c) => [conditionKey(c), c])).values()];
    const remote = distinct.filter((c) => !readsFacts(c));
    const setup = remote.some((c) => c.kind === 'courseName') ? [tempTableStatement('tr_courses'), coursesStatement(true)] : [];
    const reads = remote.length > 0 ? readInWorker(this.db.name, setup, remote.map((c) => this.idListQuery(c))) : null;
    for (const c of distinct) if (readsFacts(c)) this.set(c);
    if (!reads) return false;
    try {
      const lists = reads.take();
      remote.forEach((c, i) => this.sets.set(conditionKey(c), this.members.set(lists[i] ?? null)));
      return true;
    } catch {
      for (const c of remote) this.set(c);
      return false;
    }
  }

  private idListQuery(c: DataCondition): ConditionQuery {
    const q = this.full && c.kind === 'product' ? this.productQuery(c) : dataConditionQuery(c, { full: this.full, nowSeconds: this.nowSeconds, timeZone: this.timeZone });
    return { sql: `SELECT group_concat(member_id) FROM (${q.sql})`, params: q.params };
  }

  /** Full evaluations look the condition's products up first, then read only their items. */
  private productQuery(c: Extract<DataCondition, { kind: 'product' }>): ConditionQuery {
    this.products ??= cached(this.db, PRODUCT_KEYS).all() as ProductKey[];
    const keys = this.products.filter((key) => productMatches(c, key)).map((key) => [key.code, key.name]);
    return { sql: PRODUCT_KEYS_QUERY, params: [JSON.stringify(keys)] };
  }

  private fillFacts(): void {
    if (this.factsReady) return;
    const [purchases, customers, rest] = factsStatements(this.full);
    cached(this.db, purchases!).run({ now: this.nowSeconds });
    cached(this.db, customers!).run();
    cached(this.db, rest!).run();
    this.factsReady = true;
  }

  private fillItems(): void {
    if (this.itemsReady) return;
    cached(this.db, ITEMS_STATEMENT).run();
    this.itemsReady = true;
  }

  private fillCourses(): void {
    if (this.coursesReady) return;
    cached(this.db, coursesStatement(this.full)).run();
    this.coursesReady = true;
  }
}

/** Conditions that differ only in key order are one set; withinDays differs by days, dates by date. */
function conditionKey(c: RuleCondition): string {
  return JSON.stringify(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));
}
