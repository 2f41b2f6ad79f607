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
  const ruleSet = ruleSetFingerprint(db, rules);
  const state = cached(db, 'SELECT rule_set AS ruleSet, evaluated_at AS evaluatedAt FROM tag_rule_state WHERE id = 1').get() as
    | { ruleSet: string; evaluatedAt: string }
    | undefined;
  let result: ScheduledResult;
  if (options.full || !state || state.ruleSet !== ruleSet) {
    const all = evaluateAllMembers(db, rules, { ...options, clock });
    result = { ...all, kind: 'full', evaluated: cached(db, 'SELECT count(*) FROM members').pluck().get() as number };
  } else {
    const ids = new Set<number>();
    parseIdList(cached(db, 'SELECT group_concat(member_id) FROM tag_rule_pending').pluck().get() as string | null, (id) => ids.add(id));
    for (const id of windowMovers(db, rules, Date.parse(state.evaluatedAt), now.getTime())) ids.add(id);
    const sorted = [...ids].sort((a, b) => a - b);
    result = { ...evaluateMembers(db, rules, sorted, { ...options, clock }), kind: 'pending', evaluated: sorted.length };
  }
  cached(
    db,
    `INSERT INTO tag_rule_state (id, rule_set, evaluated_at) VALUES (1, ?, ?)
     ON CONFLICT (id) DO UPDATE SET rule_set = excluded.rule_set, evaluated_at = excluded.evaluated_at`,
  ).run(ruleSet, now.toISOString());
  return result;
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
