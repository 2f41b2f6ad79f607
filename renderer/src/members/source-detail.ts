import type { TFunction } from 'i18next';

/** Tag rules record themselves as `rule:<id> <name>` (the core's ruleSourceDetail); staff read the rule's name. */
const RULE_DETAIL = /^rule:(\d+) (.*)$/s;

export function describeSourceDetail(detail: string | null | undefined, t: TFunction): string {
  if (!detail) return '';
  const rule = RULE_DETAIL.exec(detail);
  return rule ? t('memberPage.ruleDetail', { id: rule[1], name: rule[2] }) : detail;
}
