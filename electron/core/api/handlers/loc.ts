import { z } from 'zod';
import { getLocRequest, listLocRequests, locSortFields } from '../../db/queries/loc';
import { ApiError } from '../errors';
import { handler } from '../registry';
import { paging } from './paging';

const isoDate = z.iso.datetime({ offset: true });

export const locHandlers = {
  'loc.list': handler(
    z
      .object({
        status: z.array(z.string().min(1)).max(20).optional(),
        kind: z.array(z.enum(['crosssell', 'upsell', 'cancel'])).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        crosssellConfigId: z.number().int().positive().optional(),
        sort: z
          .object({ field: z.enum(locSortFields), direction: z.enum(['asc', 'desc']) })
          .default({ field: 'requestedAt', direction: 'desc' }),
        ...paging,
      })
      .refine((a) => !a.from || !a.to || Date.parse(a.from) < Date.parse(a.to), {
        message: 'from must be before to',
        path: ['to'],
      }),
    ({ db }, args) =>
      listLocRequests(db, {
        ...args,
        from: args.from && new Date(args.from).toISOString(),
        to: args.to && new Date(args.to).toISOString(),
      }),
  ),
  'loc.get': handler(z.object({ id: z.number().int().positive() }), ({ db }, { id }) => {
    const request = getLocRequest(db, id);
    if (!request) throw new ApiError('not_found', `LOC request ${id} does not exist.`);
    return request;
  }),
};
