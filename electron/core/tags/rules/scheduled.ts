import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';
import { systemClock } from '../../clock';
import { evaluateAllMembers, evaluateMembers, type EvaluateOptions, type EvaluationResult } from './evaluate';
import { SECONDS_PER_DAY } from '../../japan-time';
import { shopTimeZone } from '../../shop/time-zone';
import { parseIdList } from './member-index';
import { inCreationOrder } from './rule-order';
import type { TagRule } from './rule-schema';
import { cached } from './temp-tables';

export interface ScheduledResult extends EvaluationResult {
  /** 'full' after the rule set changed (or on the first run), else only the members that needed it. */
  kind: 'full' | 'pending';
  /** Members evaluated. */
  evaluated: number;
}

/**
 * The quarter-hour run. Every write to a member's orders, subscriptions, customers, operator or
 * tags marks the member in tag_rule_pending (migration 6's triggers) and every evaluation clears
 * the members it covered, so what is left are the members no evaluation has seen since their data
 * changed: a crash between a sync page and its evaluation, or a write nobody announced. Those are
 * evaluated, with the members a "within N days" window moved past since the last run (its only
 * input that changes by itself), which gives them what a full evaluation would, and every other
 * member already has it. A changed rule set (a rule saved, deleted, enabled or disabled, or the
 * tag a rule was waiting for arriving) gets a full evaluation instead, as does the first run;
 * `full` forces one.
 */
export function evaluateScheduled(db: Db, rules: readonly TagRule[], options: EvaluateOptions & { full?: boolean } = {}): ScheduledResult {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const plan = planScheduled(db, rules, now, options.full === true, false);
  let result: ScheduledResult;
  if (plan.kind === 'full') {
    const all = evaluateAllMembers(db, rules, { ...options, clock });
    result = { ...all, kind: 'full', evaluated: cached(db, 'SELECT count(*) FROM members').pluck().get() as number };
  } else {
    result = { ...evaluateMembers(db, rules, plan.ids, { ...options, clock }), kind: 'pending', evaluated: plan.ids.length };
  }
  recordRun(db, plan.ruleSet, now);
  return result;
}

/** Members an evaluation in batches has covered, of all it will. */
export interface BatchProgress {
  done: number;
  total: number;
}

/**
 * How long one batch should take: a call that arrives during a batch waits for it. Batches are
 * sized to it from the last one's time per member (between MIN and MAX_BATCH_MEMBERS), so a busy
 * or slow PC gets smaller batches rather than longer waits.
 */
export const BATCH_MS = 20;
const FIRST_BATCH_MEMBERS = 200;
const MIN_BATCH_MEMBERS = 20;
const MAX_BATCH_MEMBERS = 5_000;

/**
 * evaluateScheduled in batches of members, each computed and written in one step of the
 * generator, so that whoever drives it can answer other calls between batches. Each member's
 * tags depend on that member's data only, so the batches give every member what one evaluation
 * gives (and write the same history and outbox rows, in the same member order); every batch sees
 * the moment the run began. `batchMembers` fixes the batch size, else batches take about
 * BATCH_MS. The generator yields the progress before the first batch and after each one, and
 * returns the whole run's result; one left unfinished records nothing, so the next run does
 * what it would have done.
 *
 * A batch commits without waiting for the disk (synchronous = NORMAL, WAL): the run's last
 * write, and any other write meanwhile, waits and takes the batches before it along. Power lost
 * in between loses whole batches together with their clearing of tag_rule_pending, so their
 * members are evaluated again by the next run, as after a lost evaluation.
 */
export function* evaluateScheduledInBatches(
  db: Db,
  rules: readonly TagRule[],
  options: EvaluateOptions & { full?: boolean; batchMembers?: number } = {},
): Generator<BatchProgress, ScheduledResult, void> {
  const now = (options.clock ?? systemClock).now();
  const clock = { now: () => now };
  const plan = planScheduled(db, rules, now, options.full === true, true);
  const total = plan.ids.length;
  yield { done: 0, total };
  let result = evaluateMembers(db, rules, [], { clock });
  let size = options.batchMembers ?? FIRST_BATCH_MEMBERS;
  for (let from = 0; from < total; ) {
    const part = plan.ids.slice(from, from + size);
    const started = performance.now();
    result = mergeResults(result, withoutWaitingForDisk(db, () => evaluateMembers(db, rules, part, { ...options, clock })));
    from += part.length;
    if (options.batchMembers === undefined) size = nextBatchSize(size, performance.now() - started);
    yield { done: from, total };
  }
  recordRun(db, plan.ruleSet, now);
  return { ...result, kind: plan.kind, evaluated: total };
}

function nextBatchSize(size: number, ms: number): number {
  const fitting = ms > 0 ? (size * BATCH_MS) / ms : MAX_BATCH_MEMBERS;
  // Grow at most twofold at a time: one quick batch says little about the next.
  return Math.round(Math.min(MAX_BATCH_MEMBERS, size * 2, Math.max(MIN_BATCH_MEMBERS, fitting)));
}

function withoutWaitingForDisk<R>(db: Db, work: () => R): R {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  db.pragma('synchronous = NORMAL');
  try {
    return work();
  } finally {
    db.pragma(`synchronous = ${synchronous}`);
  }
}

type Plan = { ruleSet: string; kind: 'full' | 'pending'; ids: number[] };

/** A full run after a rule set change (or the first run, or when asked); else the members still marked and those a window moved past. */
function planScheduled(db: Db, rules: readonly TagRule[], now: Date, full: boolean, listEveryone: boolean): Plan {
  const ruleSet = ruleSetFingerprint(db, rules);
  const state = cached(db, 'SELECT rule_set AS ruleSet, evaluated_at AS evaluatedAt FROM tag_rule_state WHERE id = 1').get() as
    | { ruleSet: string; evaluatedAt: string }
    | undefined;
  if (full || !state || state.ruleSet !== ruleSet) {
    const ids: number[] = [];
    if (listEveryone) parseIdList(cached(db, 'SELECT group_concat(id) FROM (SELECT id FROM members ORDER BY id)').pluck().get() as string | null, (id) => ids.push(id));
    return { ruleSet, kind: 'full', ids };
  }
  const ids = new Set<number>();
  parseIdList(cached(db, 'SELECT group_concat(member_id) FROM tag_rule_pending').pluck().get() as string | null, (id) => ids.add(id));
  for (const id of windowMovers(db, rules, Date.parse(state.evaluatedAt), now.getTime())) ids.add(id);
  return { ruleSet, kind: 'pending', ids: [...ids].sort((a, b) => a - b) };
}

function recordRun(db: Db, ruleSet: string, now: Date): void {
  cached(
    db,
    `INSERT INTO tag_rule_state (id, rule_set, evaluated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET rule_set = excluded.rule_set, evaluated_at = excluded.evaluated_at`,
  ).run(ruleSet, now.toISOString());
}

/** Two batches' results as one evaluation's: the batches cover ascending, disjoint members. */
function mergeResults(a: EvaluationResult, b: EvaluationResult): EvaluationResult {
  const matched = new Map(a.matched);
  for (const [rule, count] of b.matched) matched.set(rule, (matched.get(rule) ?? 0) + count);
  const memberIds = a.memberIds;
  for (const id of b.memberIds) memberIds.push(id);
  return {
    changes: a.changes + b.changes,
    adds: a.adds + b.adds,
    removes: a.removes + b.removes,
    memberIds,
    passes: Math.max(a.passes, b.passes),
    settled: a.settled && b.settled,
    skippedRuleIds: [...new Set([...a.skippedRuleIds, ...b.skippedRuleIds])],
    matched,
    parallel: a.parallel || b.parallel,
    computeMs: a.computeMs + b.computeMs,
    writeMs: a.writeMs + b.writeMs,
  };
}

/**
 * The rules that would run, as evaluated (creation order, enabled, tag present), and the shop's
 * time zone, whose days their purchase dates name, hashed: a new zone is a new rule set.
 */
function ruleSetFingerprint(db: Db, rules: readonly TagRule[]): string {
  const tags = new Set(cached(db, 'SELECT id FROM tags').pluck().all() as number[]);
  const active = inCreationOrder(rules.filter((r) => r.enabled !== false && tags.has(r.tagId))).map((r) => [
    r.id,
    r.createdAt,
    r.tagId,
    r.action,
    r.groups,
  ]);
  return createHash('sha256').update(JSON.stringify({ timeZone: shopTimeZone(db), rules: active })).digest('hex');
}

/**
 * Members with a purchase that entered or left a "within N days" window between the last run and
 * now: placed N days before a moment in between, or (dated ahead) placed in between.
 */
function windowMovers(db: Db, rules: readonly TagRule[], lastMs: number, nowMs: number): number[] {
  const days = new Set<number>();
  for (const r of rules) {
    if (r.enabled === false) continue;
    for (const group of r.groups) for (const c of group) if (c.kind === 'purchaseDate' && c.op === 'withinDays') days.add(c.days);
  }
  if (days.size === 0 || !(nowMs > lastMs)) return [];
  const last = Math.floor(lastMs / 1000);
  const now = Math.floor(nowMs / 1000);
  // A window is [t - N days, t] at time t: between the runs, purchases in [last - N, now - N) left
  // one and purchases in (last, now] entered every one.
  const ranges: Array<[number, number]> = [[last + 1, now + 1], ...[...days].map((d): [number, number] => [last - d * SECONDS_PER_DAY, now - d * SECONDS_PER_DAY])];
  const ids: number[] = [];
  parseIdList(cached(db, windowMoversQuery(ranges.length)).pluck().get(...ranges.flat()) as string | null, (id) => ids.push(id));
  return ids;
}

/** The members with a live purchase in any of `ranges` [from, to) epoch-second ranges, each read from orders_time. */
export function windowMoversQuery(ranges: number): string {
  const inRange = 'SELECT id FROM orders WHERE unixepoch(ordered_at) >= ? AND unixepoch(ordered_at) < ?';
  return `SELECT group_concat(member_id) FROM (SELECT DISTINCT cc.member_id
    FROM (${Array.from({ length: ranges }, () => inRange).join(' UNION ')}) w
    CROSS JOIN orders o ON o.id = w.id JOIN cart_customers cc ON cc.id = o.cart_customer_id
    WHERE o.status <> 'cancelled')`;
}
