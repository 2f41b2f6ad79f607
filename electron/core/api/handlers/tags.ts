import { z } from 'zod';
import { listTags } from '../../db/queries/tags';
import { tagHistoryCounts } from '../../db/queries/tags-history';
import { bulkTagMembers } from '../../tags/storage/member-bulk-tag';
import { shopTimeZone } from '../../shop/time-zone';
import { handler } from '../registry';
import { memberFilters } from './members';

/** The longest period tags.history counts in one call. */
export const HISTORY_MAX_DAYS = 366;

const shopDay = z.iso.date();

const historyArgs = z
  .object({ tagId: z.number().int().positive().optional(), from: shopDay, to: shopDay })
  .refine((a) => a.from <= a.to, { message: 'from must not be after to', path: ['to'] })
  .refine((a) => (Date.parse(a.to) - Date.parse(a.from)) / 86_400_000 < HISTORY_MAX_DAYS, {
    message: `a period is at most ${HISTORY_MAX_DAYS} days`,
    path: ['to'],
  });

const bulkTagArgs = z.object({
  /** The same filters as members.search, so the change reaches the members the list shows. */
  ...memberFilters,
  tagId: z.number().int().positive(),
  action: z.enum(['add', 'remove']),
  staff: z.string().trim().min(1).max(100).optional(),
  dryRun: z.boolean().optional(),
});

export const tagHandlers = {
  /** Every tag with how many members hold it and how many rules set it. */
  'tags.list': handler(z.object({}), ({ db }) => listTags(db)),
  /** Adds and removes per tag per day of the shop's time zone, by source, over [from, to] (its days, both included). */
  'tags.history': handler(historyArgs, ({ db }, args) => tagHistoryCounts(db, { ...args, timeZone: shopTimeZone(db) })),
  /**
   * Adds or removes a tag on the members a search finds (at most BULK_TAG_LIMIT), one outbox
   * operation per member whose tag changes; `dryRun` only counts.
   */
  'members.bulkTag': handler(bulkTagArgs, ({ db, clock, events }, { tagId, action, staff, dryRun, ...search }) => {
    const result = bulkTagMembers(db, { search, tagId, action, staff, dryRun }, clock);
    if (!result.dryRun && result.memberIds.length > 0) events.emit('members.changed', { ids: result.memberIds });
    return result;
  }),
};
