import { z } from 'zod';
import { subscriptionStatuses } from '../../sync/change-schemas';

/**
 * A tag auto-setting rule as seed 002 describes it, in one shape for storage, the API, the
 * screens and the evaluator. A rule matches a member when any of its groups matches, and a group
 * matches when all of its conditions hold: "match all" is one group, "match any" of simple
 * conditions is one group per condition, and the compound rules of "match any" are groups of up
 * to five conditions.
 */

const text = z.string().trim().min(1).max(200);
/** A calendar date in the shop's time zone, as shop staff pick it. */
const shopDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const count = z.number().int().min(0).max(1_000_000);
const yen = z.number().int().min(0).max(10_000_000_000);

export const ruleCondition = z.discriminatedUnion('kind', [
  /** The course (コース名) of the orders and child orders' subscriptions. */
  z.object({ kind: z.literal('courseName'), op: z.enum(['equals', 'contains']), value: text }),
  /** A product on the member's orders or child orders, by name or code; never the subscription's registered product (seed 002). */
  z.object({ kind: z.literal('product'), by: z.enum(['name', 'code']), op: z.enum(['equals', 'contains']), value: text }),
  /** Some order or child order placed on, before or after a Japan date, or within the last N days. */
  z.discriminatedUnion('op', [
    z.object({ kind: z.literal('purchaseDate'), op: z.enum(['on', 'before', 'after']), date: shopDate }),
    z.object({ kind: z.literal('purchaseDate'), op: z.literal('withinDays'), days: z.number().int().min(1).max(3650) }),
  ]),
  /** The subscription continuation count; the number of purchases where the cart gives none. */
  z.object({ kind: z.literal('purchaseCount'), op: z.enum(['gte', 'lte', 'eq']), value: count }),
  /** The total of all the member's purchases, in yen. */
  z.object({ kind: z.literal('purchaseAmount'), op: z.enum(['gte', 'lte']), value: yen }),
  /**
   * "only": every subscription of the member has this status; "contains": at least one has.
   * The seed recommends "only" for members with several subscriptions.
   */
  z.object({ kind: z.literal('subscriptionStatus'), match: z.enum(['only', 'contains']), status: z.enum(subscriptionStatuses) }),
  /** An assigned operator; a particular one when `name` is given. */
  z.object({ kind: z.literal('operator'), name: text.optional() }),
  /** The member has (or has not) a tag. */
  z.object({ kind: z.literal('triggerTag'), tagId: z.number().int().positive(), has: z.boolean().default(true) }),
  /** The member is matched to at least one cart customer. */
  z.object({ kind: z.literal('cartLinked') }),
]);
export type RuleCondition = z.infer<typeof ruleCondition>;

export const MAX_GROUP_CONDITIONS = 5;
export const MAX_ALL_CONDITIONS = 20;

export const ruleDefinition = z
  .object({
    name: text,
    tagId: z.number().int().positive(),
    action: z.enum(['add', 'remove']),
    match: z.enum(['all', 'any']),
    groups: z.array(z.array(ruleCondition).min(1)).min(1).max(50),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    if (rule.match === 'all' && rule.groups.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['groups'], message: 'A "match all" rule has exactly one group of conditions.' });
    }
    const limit = rule.match === 'all' ? MAX_ALL_CONDITIONS : MAX_GROUP_CONDITIONS;
    rule.groups.forEach((group, i) => {
      if (group.length > limit) ctx.addIssue({ code: 'custom', path: ['groups', i], message: `At most ${limit} conditions in a group.` });
    });
  });
export type RuleDefinition = z.infer<typeof ruleDefinition>;

/** A saved rule: evaluated in creation order (then id), members in ascending id. */
export interface TagRule extends RuleDefinition {
  id: number;
  createdAt: string;
  updatedAt: string;
}
