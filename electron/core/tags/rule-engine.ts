/** The tag auto-setting engine (seed 002, design §5): what the scheduler, sync hooks, API and screens call. */
export { evaluateAllMembers, evaluateMembers, type EvaluateOptions, type EvaluationResult } from './rules/evaluate';
export { evaluateScheduled, type ScheduledResult } from './rules/scheduled';
export { findRuleCycles, type RuleCycle } from './rules/rule-cycles';
export { previewRule, PREVIEW_SAMPLE, type PreviewCandidate, type PreviewMember, type RulePreview } from './rules/preview';
export { inCreationOrder } from './rules/rule-order';
export { parseRuleSourceDetail, ruleSourceDetail } from './rules/source-detail';
export type { RuleCondition, RuleDefinition, TagRule } from './rules/rule-schema';
