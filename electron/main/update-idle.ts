import type { CoreLink } from './core-link';
import type { IdleReport } from './update-gate';

/**
 * Asks the core process whether anything is under way (`app.idle`), for the update gate.
 * A core that refused to start (no shop configured) runs nothing, so it is idle; a core that
 * is starting, restarting or answers with an error is not known to be idle, and the gate asks
 * again later.
 */
export function coreIdleAsker(link: Pick<CoreLink, 'call' | 'failure'>): () => Promise<IdleReport> {
  let calls = 0;
  return async () => {
    if (link.failure() !== null) return { robotStepInFlight: false, syncSending: false };
    calls += 1;
    const reply = JSON.parse(await link.call(JSON.stringify({ id: `update-idle-${calls}`, name: 'app.idle', args: {} }))) as {
      result?: Partial<IdleReport>;
      error?: { message?: string };
    };
    const result = reply.result;
    if (!result || typeof result.robotStepInFlight !== 'boolean' || typeof result.syncSending !== 'boolean') {
      throw new Error(`The core did not say whether it is idle (${reply.error?.message ?? 'no answer'}).`);
    }
    return { robotStepInFlight: result.robotStepInFlight, syncSending: result.syncSending };
  };
}
