import { z } from 'zod';
import type { Db } from '../../db/open';
import { handler } from '../registry';
import { appIdle, type AppIdle } from './app';

/** Whether the hold found the robot running (or free to run): released, it goes on as it was. */
const holds = new WeakMap<Db, { resume: boolean }>();

/**
 * The desktop app's update holds the core before it installs: `app.holdForUpdate` stops the
 * robot from beginning anything (as going to sleep does: no step begins, nothing more reaches
 * the cart or LINE, leases are given back) and sync from beginning a cycle, and then says what
 * is still under way, so between the answer "idle" and the installer starting no step and no
 * batch can begin. The hold lasts until the app
 * quits for the installer, or until `app.releaseHold` (the update was abandoned), after which
 * the robot runs again if it ran before. Asked again while held, it holds a robot that woke
 * meanwhile (the PC slept and woke) and answers anew.
 */
export const updateHoldHandlers = {
  'app.holdForUpdate': handler(z.object({}), async (ctx): Promise<AppIdle> => {
    const robot = ctx.robot;
    if (!holds.has(ctx.db)) holds.set(ctx.db, { resume: robot ? !robot.suspended() : false });
    if (robot && !robot.suspended()) await robot.suspend();
    // No sync cycle begins either: a batch under way is reported as sending, and the gate asks again.
    ctx.sync.hold?.();
    return appIdle(ctx);
  }),
  'app.releaseHold': handler(z.object({}), async (ctx) => {
    const hold = holds.get(ctx.db);
    holds.delete(ctx.db);
    ctx.sync.release?.();
    if (hold?.resume) await ctx.robot?.resume();
    return { released: hold !== undefined };
  }),
};
