import { z } from 'zod';
import { isoNow } from '../../clock';
import { CompletionRefused, completeByStaff } from '../../loc/staff-completion';
import { ReopenRefused, reopenByStaff } from '../../loc/staff-reopen';
import { completionStatuses } from '../../sync/change-schemas';
import { ApiError } from '../errors';
import { handler } from '../registry';

const id = z.number().int().positive();
/** The name staff gave for themselves, journaled as who made the change. */
const staff = z.string().trim().min(1).max(100).optional();

export interface LocCompleteResult {
  ids: number[];
  status: 'done';
  completionStatus: (typeof completionStatuses)[number];
}

export interface LocReopenResult {
  id: number;
  status: 'needs_manual';
}

export const locStaffHandlers = {
  'loc.complete': handler(
    z.object({
      ids: z.array(id).min(1).max(500),
      completionStatus: z.enum(completionStatuses),
      note: z.string().max(2000).optional(),
      staff,
    }),
    (ctx, { ids, completionStatus, note, staff: who }): LocCompleteResult => {
      let done: number[];
      try {
        done = completeByStaff(ctx.db, ids, { completionStatus, note: note ?? null, staff: who ?? null, at: isoNow(ctx.clock) });
      } catch (error) {
        if (error instanceof CompletionRefused) {
          throw new ApiError('conflict', error.message, { unknown: error.unknown, alreadyDone: error.alreadyDone });
        }
        throw error;
      }
      ctx.events.emit('loc.changed', { ids: done });
      return { ids: done, status: 'done', completionStatus };
    },
  ),
  'loc.reopen': handler(
    z.object({ id, reason: z.string().trim().min(1).max(500), staff }),
    (ctx, { id: requestId, reason, staff: who }): LocReopenResult => {
      try {
        reopenByStaff(ctx.db, requestId, { reason, staff: who ?? null, at: isoNow(ctx.clock) });
      } catch (error) {
        if (error instanceof ReopenRefused) throw new ApiError(error.kind === 'unknown' ? 'not_found' : 'conflict', error.message);
        throw error;
      }
      ctx.events.emit('loc.changed', { ids: [requestId] });
      return { id: requestId, status: 'needs_manual' };
    },
  ),
};
