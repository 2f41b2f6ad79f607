import { z } from 'zod';
import { getMember, searchMembers } from '../../db/queries/members';
import { ApiError } from '../errors';
import { handler } from '../registry';
import { paging } from './paging';

export const memberHandlers = {
  'members.search': handler(
    z.object({
      query: z.string().max(200).optional(),
      tag: z.union([z.number().int().positive(), z.string().min(1).max(200)]).optional(),
      customerNumber: z.string().min(1).max(100).optional(),
      ...paging,
    }),
    ({ db }, args) => searchMembers(db, args),
  ),
  'members.get': handler(z.object({ id: z.number().int().positive() }), ({ db }, { id }) => {
    const member = getMember(db, id);
    if (!member) throw new ApiError('not_found', `Member ${id} does not exist.`);
    return member;
  }),
};
