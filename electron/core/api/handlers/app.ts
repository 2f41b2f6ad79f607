import { z } from 'zod';
import { handler, type HandlerContext } from '../registry';

/** What is under way in the core now, for a shell deciding whether it may stop the app (an update). */
export interface AppIdle {
  /** A robot worker holds a request: between taking it and handing it back, steps run against the cart. */
  robotStepInFlight: boolean;
  /** A batch of outbox operations is on its way to the cloud. */
  syncSending: boolean;
}

export function appIdle(ctx: HandlerContext): AppIdle {
  const robotStepInFlight = ctx.robot ? ctx.robot.status().workers.some((worker) => worker.requestId !== null) : false;
  // A sync service that cannot say which phase it is in counts a running cycle as sending.
  const syncSending = ctx.sync.sending ? ctx.sync.sending() : ctx.sync.status().running;
  return { robotStepInFlight, syncSending };
}

export const appHandlers = {
  'app.idle': handler(z.object({}), (ctx): AppIdle => appIdle(ctx)),
};
