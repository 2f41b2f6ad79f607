import { z } from 'zod';
import { isoNow } from '../../clock';
import { retryWithRobot, StaffActionError } from '../../loc/staff-retry';
import { unavailableOf } from '../../robot/unavailable';
import { robotCounts } from '../../robot/usage';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

function robotOf(ctx: HandlerContext) {
  if (!ctx.robot) {
    throw new ApiError('unavailable', unavailableOf(ctx.robotUnavailable).text);
  }
  return ctx.robot;
}

export const robotHandlers = {
  'robot.start': handler(z.object({}), (ctx) => {
    const robot = robotOf(ctx);
    robot.start();
    return robot.status();
  }),
  'robot.stop': handler(z.object({}), async (ctx) => {
    const robot = robotOf(ctx);
    await robot.stop();
    return robot.status();
  }),
  'robot.status': handler(z.object({}), (ctx) => ({
    available: ctx.robot != null,
    unavailableReason: ctx.robot ? null : unavailableOf(ctx.robotUnavailable).text,
    /** The same as a message by name, so the robot screen says it in the viewer's language. */
    unavailableReasonData: ctx.robot ? null : unavailableOf(ctx.robotUnavailable).reason,
    ...(ctx.robot ? ctx.robot.status() : { running: false, holder: null, workers: [], queue: null, recentErrors: [] }),
    counts: robotCounts(ctx.db, ctx.clock.now()),
  })),
  'loc.retry': handler(z.object({ id: z.number().int().positive(), note: z.string().max(2000).optional() }), (ctx, { id, note }) => {
    try {
      retryWithRobot(ctx.db, id, isoNow(ctx.clock), 'staff', note);
    } catch (error) {
      if (error instanceof StaffActionError) throw new ApiError('conflict', error.message);
      throw error;
    }
    ctx.events.emit('loc.changed', { ids: [id] });
    ctx.robot?.wake();
    return { id, status: 'queued' as const };
  }),
};
