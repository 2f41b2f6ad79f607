import type { CoreLink } from './core-link';
import type { IdleReport } from './update-gate';

/**
 * The update gate's hold on the core process: `app.holdForUpdate` stops the robot from
 * beginning anything and says what is still under way; `app.releaseHold` lets it go on.
 * A core that refused to start (no shop configured) runs nothing, so it is idle; a core that
 * is starting, restarting or answers with an error is not known to be idle, and the gate asks
 * again later. A core started anew after a crash holds nothing: the gate's next question holds it.
 */
export function coreWorkHold(link: Pick<CoreLink, 'call' | 'failure'>, log: (line: string) => void = () => undefined) {
  let calls = 0;
  const call = async (name: string) => {
    calls += 1;
    return JSON.parse(await link.call(JSON.stringify({ id: `update-hold-${calls}`, name, args: {} }))) as {
      result?: Partial<IdleReport>;
      error?: { message?: string };
    };
  };
  return {
    async hold(): Promise<IdleReport> {
      if (link.failure() !== null) return { robotStepInFlight: false, syncSending: false };
      const reply = await call('app.holdForUpdate');
      const result = reply.result;
      if (!result || typeof result.robotStepInFlight !== 'boolean' || typeof result.syncSending !== 'boolean') {
        throw new Error(`The core did not say whether it is idle (${reply.error?.message ?? 'no answer'}).`);
      }
      return { robotStepInFlight: result.robotStepInFlight, syncSending: result.syncSending };
    },
    release(): void {
      if (link.failure() !== null) return;
      void call('app.releaseHold').then(
        (reply) => reply.error && log(`update: the core's hold was not released (${reply.error.message ?? 'no answer'})`),
        () => undefined,
      );
    },
  };
}
