import { z } from 'zod';
import { isoNow } from '../../clock';
import { addStaff, listStaff, removeStaff, STAFF_NAME_MAX, type StaffMember } from '../../staff/staff-list';
import { ApiError } from '../errors';
import { handler } from '../registry';

export const staffHandlers = {
  /** The shop's staff, as kept on this workstation, in the order they were added. */
  'staff.list': handler(z.object({}), ({ db }): StaffMember[] => listStaff(db)),
  'staff.add': handler(z.object({ name: z.string().trim().min(1).max(STAFF_NAME_MAX) }), (ctx, { name }): StaffMember => {
    const added = addStaff(ctx.db, name, isoNow(ctx.clock));
    ctx.events.emit('staff.changed', {});
    return added;
  }),
  'staff.remove': handler(z.object({ id: z.number().int().positive() }), (ctx, { id }): { id: number } => {
    if (!removeStaff(ctx.db, id)) throw new ApiError('not_found', `Staff member ${id} is not on the list.`);
    ctx.events.emit('staff.changed', {});
    return { id };
  }),
};
