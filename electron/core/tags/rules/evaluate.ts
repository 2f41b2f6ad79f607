import type { Db } from '../../db/open';
import { isoNow, systemClock, type Clock } from '../../clock';
import { applyRuleChanges } from './apply-changes';
import { computeRuleChanges, type EvaluationScope } from './compute-changes';
import type { TagRule } from './rule-schema';
import { cached, clearTempTables } from './temp-tables';

export interface EvaluateOptions {
  clock?: Clock;
  /** Changes per transaction. */
  batchSize?: number;
  /** See ComputeOptions. */
  parallelFrom?: number;
}

export interface EvaluationResult {
  /** Changes written: each a member_tags change, a history row and an outbox operation. */
  changes: number;
  adds: number;
  removes: number;
  /** Members whose tags changed, ascending. */
  memberIds: number[];
  passes: number;
  settled: boolean;
  skippedRuleIds: number[];
  /** Members each rule matched in the first pass, by rule id. */
  matched: Map<number, number>;
  /** Whether a second connection read some of the conditions. */
  parallel: boolean;
  /** Time spent working out the changes and writing them. */
  computeMs: number;
  writeMs: number;
}

/** Every member against every enabled rule: the :00/:15/:30/:45 run. */
export function evaluateAllMembers(db: Db, rules: readonly TagRule[], options: EvaluateOptions = {}): EvaluationResult {
  return evaluate(db, rules, { kind: 'all' }, options);
}

/**
 * The members whose data changed (sync, the robot, staff), with the same semantics as a full
 * evaluation: each member's tags depend on that member alone. Ids that are not members are ignored.
 */
export function evaluateMembers(db: Db, rules: readonly TagRule[], memberIds: readonly number[], options: EvaluateOptions = {}): EvaluationResult {
  if (memberIds.length === 0) {
    return { changes: 0, adds: 0, removes: 0, memberIds: [], passes: 0, settled: true, skippedRuleIds: [], matched: new Map(), parallel: false, computeMs: 0, writeMs: 0 };
  }
  return evaluate(db, rules, { kind: 'members', ids: memberIds }, options);
}

function evaluate(db: Db, rules: readonly TagRule[], scope: EvaluationScope, options: EvaluateOptions): EvaluationResult {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  try {
    const started = performance.now();
    const computed = computeRuleChanges(db, rules, scope, Math.floor(now.getTime() / 1000), { parallelFrom: options.parallelFrom });
    const computedAt = performance.now();
    const applied = applyRuleChanges(db, isoNow(clock), computed.positions, options.batchSize);
    clearPending(db, scope);
    return {
      changes: applied.applied,
      adds: computed.adds,
      removes: applied.applied - computed.adds,
      memberIds: computed.memberIds,
      passes: computed.passes,
      settled: computed.settled,
      skippedRuleIds: computed.skippedRuleIds,
      matched: computed.matched,
      parallel: computed.parallel,
      computeMs: computedAt - started,
      writeMs: performance.now() - computedAt,
    };
  } finally {
    clearTempTables(db);
  }
}

/**
 * The members covered have been seen with their data as it is now (nothing writes between the
 * computation and here), so the quarter-hour run need not evaluate them again. A crash before
 * this leaves them marked: evaluated once more, to no effect.
 */
function clearPending(db: Db, scope: EvaluationScope): void {
  if (scope.kind === 'all') cached(db, 'DELETE FROM tag_rule_pending').run();
  else cached(db, 'DELETE FROM tag_rule_pending WHERE member_id IN (SELECT value FROM json_each(?))').run(JSON.stringify(scope.ids));
}
