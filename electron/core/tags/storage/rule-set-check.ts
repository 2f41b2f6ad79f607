import { findRuleCycles } from '../rules/rule-cycles';
import type { RuleDefinition, TagRule } from '../rules/rule-schema';

/** Two or more rules that undo each other's tag; ruleIds holds null for a rule not saved yet. */
export interface RuleFight {
  ruleIds: Array<number | null>;
  ruleNames: string[];
  tagId: number;
}

/** Stands for the rule being created in the set handed to the engine's check; real ids are positive. */
const UNSAVED_ID = -1;

/**
 * The fights the rule set would have with `candidate` saved into it (replacing the rule of the
 * same id). Only fights the candidate takes part in are returned: a fight among rules already in
 * the cloud, which another workstation saved, is not this save's to refuse.
 */
export function fightingRules(
  saved: readonly TagRule[],
  candidate: RuleDefinition & { id: number | null; createdAt: string },
): RuleFight[] {
  const id = candidate.id ?? UNSAVED_ID;
  const set = [...saved.filter((r) => r.id !== id), { ...candidate, id }];
  return findRuleCycles(set)
    .filter((cycle) => cycle.ruleIds.includes(id))
    .map((cycle) => ({
      ruleIds: cycle.ruleIds.map((ruleId) => (ruleId === UNSAVED_ID ? null : ruleId)),
      ruleNames: cycle.ruleNames,
      tagId: cycle.tagId,
    }));
}
