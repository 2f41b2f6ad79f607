import { z } from 'zod';
import { getMember, searchMembers } from '../../db/queries/members';
import { ApiError } from '../errors';
import { handler } from '../registry';
import { paging } from './paging';

const tagIds = z.array(z.number().int().positive()).max(50).optional();

/** What the member list filters by; the CSV export takes the same. */
export const memberFilters = {
  query: z.string().max(200).optional(),
  tag: z.union([z.number().int().positive(), z.string().min(1).max(200)]).optional(),
  customerNumber: z.string().min(1).max(100).optional(),
  /** Members with all of `all`, at least one of `any`, none of `none`. */
  tags: z.object({ all: tagIds, any: tagIds, none: tagIds }).optional(),
};

export const memberHandlers = {
  'members.search': handler(z.object({ ...memberFilters, ...paging }), ({ db }, args) => searchMembers(db, args)),
  'members.get': handler(z.object({ id: z.number().int().positive() }), ({ db }, { id }) => {
    const member = getMember(db, id);
    if (!member) throw new ApiError('not_found', `Member ${id} does not exist.`);
    return member;
  }),
};
