import type { TFunction } from 'i18next';

/** Tag rules record themselves as `rule:<id> <name>` (the core's ruleSourceDetail); staff read the rule's name. */
const RULE_DETAIL = /^rule:(\d+) (.*)$/s;
/** The cross-sell robot's: `crosssell:<request id> <config name>`; before that, a Japanese sentence. */
const CROSSSELL_DETAIL = /^crosssell:(\d+) (.*)$/s;
const OLD_CROSSSELL_DETAIL = /^クロスセル「(.*)」 LOC (\d+)$/s;

export function describeSourceDetail(detail: string | null | undefined, t: TFunction): string {
  if (!detail) return '';
  const rule = RULE_DETAIL.exec(detail);
  if (rule) return t('memberPage.ruleDetail', { id: rule[1], name: rule[2] });
  const crosssell = CROSSSELL_DETAIL.exec(detail);
  if (crosssell) return t('memberPage.crosssellDetail', { id: crosssell[1], name: crosssell[2] });
  const old = OLD_CROSSSELL_DETAIL.exec(detail);
  return old ? t('memberPage.crosssellDetail', { id: old[2], name: old[1] }) : detail;
}
