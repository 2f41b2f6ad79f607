import type { Db } from '../../db/open';
import { systemClock, type Clock } from '../../clock';
import { computeRuleChanges } from './compute-changes';
import { findRuleCycles, type RuleCycle } from './rule-cycles';
import type { RuleDefinition, TagRule } from './rule-schema';
import { cached, clearTempTables } from './temp-tables';

export const PREVIEW_SAMPLE = 20;

export interface PreviewMember {
  id: number;
  displayName: string;
}

export interface RulePreview {
  /** Members the rule would give its tag to, and take it from, if saved now. */
  add: number;
  remove: number;
  /** The first of them by member id. */
  sampleAdd: PreviewMember[];
  sampleRemove: PreviewMember[];
  /** Members the rule's conditions match, whatever their tags. */
  matched: number;
  /** Changes the other rules would make in the same run (their pending work and chains this rule starts). */
  otherChanges: number;
  /** Non-empty when saving would be refused. */
  cycles: RuleCycle[];
}

/** A rule being edited keeps its id and place; a new one has neither and runs after every saved rule. */
export type PreviewCandidate = RuleDefinition & Partial<Pick<TagRule, 'id' | 'createdAt' | 'updatedAt'>>;

/** Id given to a rule not saved yet; saved ids are positive. */
const UNSAVED_ID = 0;

/**
 * What saving the rule would do at the next evaluation, computed in the connection's temp schema:
 * nothing is written to the replica, no history and no outbox operation.
 */
export function previewRule(db: Db, candidate: PreviewCandidate, existingRules: readonly TagRule[], clock: Clock = systemClock): RulePreview {
  const now = clock.now();
  const rule: TagRule = {
    ...candidate,
    id: candidate.id ?? UNSAVED_ID,
    createdAt: candidate.createdAt ?? new Date(Math.max(now.getTime(), ...existingRules.map((r) => Date.parse(r.createdAt) + 1))).toISOString(),
    updatedAt: candidate.updatedAt ?? now.toISOString(),
  };
  const rules = [...existingRules.filter((r) => r.id !== rule.id), rule];
  const cycles = findRuleCycles(rules);
  try {
    const computed = computeRuleChanges(db, rules, { kind: 'all' }, Math.floor(now.getTime() / 1000));
    const counts = cached(db, 'SELECT action, count(*) AS n FROM temp.tr_changes WHERE rule_id = ? GROUP BY action').all(rule.id) as Array<{
      action: 'add' | 'remove';
      n: number;
    }>;
    const sample = cached(
      db,
      `SELECT m.id, m.display_name AS displayName FROM temp.tr_changes c JOIN members m ON m.id = c.member_id
       WHERE c.rule_id = ? AND c.action = ? ORDER BY m.id LIMIT ${PREVIEW_SAMPLE}`,
    );
    const total = cached(db, 'SELECT count(*) FROM temp.tr_changes').pluck().get() as number;
    const add = counts.find((c) => c.action === 'add')?.n ?? 0;
    const remove = counts.find((c) => c.action === 'remove')?.n ?? 0;
    return {
      add,
      remove,
      sampleAdd: sample.all(rule.id, 'add') as PreviewMember[],
      sampleRemove: sample.all(rule.id, 'remove') as PreviewMember[],
      matched: computed.matched.get(rule.id) ?? 0,
      otherChanges: total - add - remove,
      cycles,
    };
  } finally {
    clearTempTables(db);
  }
}
