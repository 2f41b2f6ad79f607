import { z } from 'zod';
import { readWorkstationName } from '../../instance/workstation-name';
import { isoNow } from '../../clock';
import { CompletionRefused, completeByStaff } from '../../loc/staff-completion';
import { ReopenRefused, reopenByStaff } from '../../loc/staff-reopen';
import { requestStop, StopRefused } from '../../loc/staff-stop';
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
        done = completeByStaff(ctx.db, ids, { completionStatus, note: note ?? null, staff: who ?? null, at: isoNow(ctx.clock), robot: ctx.robot ?? null });
      } catch (error) {
        if (error instanceof CompletionRefused) {
          throw new ApiError('conflict', error.message, {
            unknown: error.unknown,
            alreadyDone: error.alreadyDone,
            held: error.held.map((h) => ({ id: h.id, holder: h.holder, holderName: h.here ? readWorkstationName(ctx.db).name : null, since: h.since, here: h.here })),
          });
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
        reopenByStaff(ctx.db, requestId, { reason, staff: who ?? null, at: isoNow(ctx.clock), robot: ctx.robot ?? null });
      } catch (error) {
        if (error instanceof ReopenRefused) throw new ApiError(error.kind === 'unknown' ? 'not_found' : 'conflict', error.message);
        throw error;
      }
      ctx.events.emit('loc.changed', { ids: [requestId] });
      return { id: requestId, status: 'needs_manual' };
    },
  ),
  /**
   * Staff ask this workstation's robot to stop working a request, so they can finish it by hand;
   * honoured at the robot's next step, and refused once it has begun what charges the customer.
   */
  'loc.stopRobot': handler(z.object({ id, staff }), (ctx, { id: requestId, staff: who }): { id: number; stop: 'requested' } => {
    try {
      requestStop(ctx.db, requestId, {
        staff: who ?? null,
        at: isoNow(ctx.clock),
        robot: ctx.robot ?? null,
        pointOfNoReturn: (requestId) => {
          const kind = ctx.db.prepare('SELECT kind FROM loc_requests WHERE id = ?').pluck().get(requestId) as string | undefined;
          return ctx.robot?.flows.find((f) => f.kind === kind)?.pointOfNoReturn ?? null;
        },
      });
    } catch (error) {
      if (error instanceof StopRefused) throw new ApiError(error.kind === 'unknown' ? 'not_found' : 'conflict', error.message, { reason: error.kind });
      throw error;
    }
    ctx.events.emit('loc.changed', { ids: [requestId] });
    ctx.robot?.wake();
    return { id: requestId, stop: 'requested' };
  }),
};
