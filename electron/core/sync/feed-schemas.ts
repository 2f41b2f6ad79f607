import type { z } from 'zod';
import { ruleDefinition } from '../tags/rules/rule-schema';
import { entitySchemas, idKey, tagRuleRecord, type Entity, type TagRuleData } from './change-schemas';

/**
 * A rule from the feed, held to the same shape staff save, so the evaluator never meets a
 * condition it does not know: a rule that fails is quarantined like any other malformed change.
 * `enabled` has no default here; the cloud always says.
 */
export const tagRuleData: z.ZodType<TagRuleData> = ruleDefinition.safeExtend({
  id: tagRuleRecord.shape.id,
  enabled: tagRuleRecord.shape.enabled,
  createdAt: tagRuleRecord.shape.createdAt,
  updatedAt: tagRuleRecord.shape.updatedAt,
});

/** What the pull side parses each change with. */
export const feedSchemas: { [E in Entity]: { upsert: z.ZodType; delete: z.ZodType } } = {
  ...entitySchemas,
  tag_rule: { upsert: tagRuleData, delete: idKey },
};
