import type { TagRule } from './rule-schema';

/** member_tags.source_detail and the outbox payload are capped at 500 characters by the mutation schema. */
const MAX_DETAIL = 500;
const pattern = /^rule:(\d+)(?: (.*))?$/s;

/**
 * What a rule's change records as its source detail: `rule:<id> <name>`. The id lets the member
 * page link the tag to the rule even after it is renamed; the name reads well where the rule is gone.
 */
export function ruleSourceDetail(rule: Pick<TagRule, 'id' | 'name'>): string {
  return `rule:${rule.id} ${rule.name}`.slice(0, MAX_DETAIL);
}

/** The rule a source detail names, or null when it was not written by a rule. */
export function parseRuleSourceDetail(detail: string | null | undefined): { ruleId: number; name: string } | null {
  const match = detail ? pattern.exec(detail) : null;
  return match ? { ruleId: Number(match[1]), name: match[2] ?? '' } : null;
}
