import { z } from 'zod';
import type { Db } from '../../db/open';
import { previewRule, type RulePreview } from '../../tags/rules/preview';
import { deleteTagRule, saveTagRule, tagRuleInput, unknownTags, type TagRuleEditPorts, type TagRuleInput } from '../../tags/storage/tag-rule-edits';
import { getTagRule, listTagRules } from '../../tags/storage/tag-rule-queries';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const byId = z.object({ id: z.number().int().positive() });

const portsOf = ({ db, cloud, sync, clock }: HandlerContext): TagRuleEditPorts => ({ db, cloud, sync, clock });

/** A cycle the preview found, with null for the rule being previewed when it is not saved yet (as save's refusal names it). */
export interface PreviewFight {
  ruleIds: Array<number | null>;
  ruleNames: string[];
  tagId: number;
}

export interface TagRulePreview extends Omit<RulePreview, 'cycles'> {
  /** The cycles saving would be refused for: only those the previewed rule takes part in. */
  cycles: PreviewFight[];
}

/**
 * What saving the rule would do now, against the rules the replica holds (the edited rule in
 * its own place). Refused like a save when the rule names a tag the replica does not know or an
 * id that does not exist; a fight is reported in the result, since showing it is the point.
 */
function previewTagRule(db: Db, clock: HandlerContext['clock'], input: TagRuleInput): TagRulePreview {
  const { id, ...definition } = input;
  const existing = id === undefined ? undefined : getTagRule(db, id);
  if (id !== undefined && !existing) throw new ApiError('not_found', `タグの自動設定 ${id} は存在しません（削除された可能性があります）。`);
  const unknown = unknownTags(db, definition);
  if (unknown.length > 0) {
    throw new ApiError('invalid_argument', `存在しないタグを指定しているためプレビューできません（${unknown.map((i) => i.message).join('、')}）。`, unknown);
  }
  const candidate = existing ? { ...definition, id: existing.id, createdAt: existing.createdAt, updatedAt: existing.updatedAt } : definition;
  const preview = previewRule(db, candidate, listTagRules(db), clock);
  // previewRule stands for an unsaved rule with an id no saved rule has (not positive).
  const own = (ruleId: number) => (existing ? ruleId === existing.id : ruleId <= 0);
  return {
    ...preview,
    cycles: preview.cycles
      .filter((cycle) => cycle.ruleIds.some(own))
      .map((cycle) => ({ ruleIds: cycle.ruleIds.map((r) => (!existing && own(r) ? null : r)), ruleNames: cycle.ruleNames, tagId: cycle.tagId })),
  };
}

/** Tag auto-setting rules: the cloud's settings, read from the replica and edited through the cloud. */
export const tagRuleHandlers = {
  /** In evaluation order (creation order, then id). */
  'tagRules.list': handler(z.object({}), ({ db }) => listTagRules(db)),
  'tagRules.get': handler(byId, ({ db }, { id }) => {
    const rule = getTagRule(db, id);
    if (!rule) throw new ApiError('not_found', `タグの自動設定 ${id} は存在しません。`);
    return rule;
  }),
  /**
   * How many members the rule would add its tag to or remove it from if saved now, a sample of
   * them, and the fights a save would be refused for. Writes nothing and needs no cloud.
   */
  'tagRules.preview': handler(tagRuleInput, ({ db, clock }, args) => previewTagRule(db, clock, args)),
  /** Needs the cloud online; refused with 'conflict' when the rules would fight over a tag. */
  'tagRules.save': handler(tagRuleInput, (ctx, args) => saveTagRule(portsOf(ctx), args)),
  'tagRules.delete': handler(byId, (ctx, { id }) => deleteTagRule(portsOf(ctx), id)),
  /** How far the evaluation of every member after a save has got, or null when none is running. */
  'tagRules.progress': handler(z.object({}), ({ tagRuleProgress }) => tagRuleProgress?.() ?? null),
};
