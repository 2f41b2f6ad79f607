import { z } from 'zod';
import { deleteTagRule, saveTagRule, tagRuleInput, type TagRuleEditPorts } from '../../tags/storage/tag-rule-edits';
import { getTagRule, listTagRules } from '../../tags/storage/tag-rule-queries';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

const byId = z.object({ id: z.number().int().positive() });

const portsOf = ({ db, cloud, sync, clock }: HandlerContext): TagRuleEditPorts => ({ db, cloud, sync, clock });

/** Tag auto-setting rules: the cloud's settings, read from the replica and edited through the cloud. */
export const tagRuleHandlers = {
  /** In evaluation order (creation order, then id). */
  'tagRules.list': handler(z.object({}), ({ db }) => listTagRules(db)),
  'tagRules.get': handler(byId, ({ db }, { id }) => {
    const rule = getTagRule(db, id);
    if (!rule) throw new ApiError('not_found', `タグの自動設定 ${id} は存在しません。`);
    return rule;
  }),
  /** Needs the cloud online; refused with 'conflict' when the rules would fight over a tag. */
  'tagRules.save': handler(tagRuleInput, (ctx, args) => saveTagRule(portsOf(ctx), args)),
  'tagRules.delete': handler(byId, (ctx, { id }) => deleteTagRule(portsOf(ctx), id)),
};
