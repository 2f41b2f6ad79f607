import type { Api, CallOutcome } from '../core/api/registry';
import { createEventBus, type EventBus } from '../core/events';

/** What the slot holds: anything with an API and events that can be closed. */
export interface SlotCore {
  api: Api;
  events: EventBus;
  close(): Promise<void>;
}

export interface CoreSlot<C extends SlotCore> {
  /** What the server serves: calls go to the current core, waiting while one is being replaced. */
  api: Api;
  /** Every event of whichever core is current, on one bus that outlives them. */
  events: EventBus;
  current(): C;
  /** Replace the core once no call is in flight (after the reply of the call that asked). */
  requestRestart(): void;
  /** True from requestRestart() until the new core serves. */
  restartPending(): boolean;
  /** Resolves once no restart is asked for or under way. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The headless shell's core behind its server: the HTTP server, the event socket and the page's
 * token stay while the core beneath is closed and opened again with new settings, so a page in
 * the middle of the first-run flow keeps working. `open` makes a core; `restarted` is told of
 * each new one (the shell starts its sync and robot there).
 */
export function createCoreSlot<C extends SlotCore>(first: C, open: () => Promise<C>, log: (line: string) => void): CoreSlot<C> {
  const events = createEventBus();
  let core = first;
  let unsubscribe = core.events.onAny((event, payload) => events.emit(event, payload as never));
  let inFlight = 0;
  let wanted = false;
  let closed = false;
  // Calls wait on this while a core is replaced; null when the current core serves.
  let replacing: Promise<void> | null = null;
  let broken: string | null = null;
  const waiters: Array<() => void> = [];

  const restartWhenIdle = () => {
    if (!wanted || inFlight > 0 || replacing || closed) return;
    wanted = false;
    replacing = (async () => {
      unsubscribe();
      await core.close();
      try {
        core = await open();
        broken = null;
        log('設定を反映しました（コアを再起動しました）');
      } catch (error) {
        // The old core is closed; calls are answered with why until the operator restarts the shell.
        broken = (error as Error).message;
        log(`設定を反映できません: ${broken}`);
      }
      unsubscribe = core.events.onAny((event, payload) => events.emit(event, payload as never));
    })().finally(() => {
      replacing = null;
      if (wanted) restartWhenIdle();
      else for (const resolve of waiters.splice(0)) resolve();
    });
  };

  const api: Api = {
    names: () => core.api.names(),
    async call(name, args): Promise<CallOutcome> {
      while (replacing) await replacing;
      if (broken !== null) return { error: { kind: 'unavailable', message: broken } };
      inFlight += 1;
      try {
        return await core.api.call(name, args);
      } finally {
        inFlight -= 1;
        restartWhenIdle();
      }
    },
  };

  return {
    api,
    events,
    current: () => core,
    requestRestart() {
      wanted = true;
      // Asked from outside a call (a test, a signal): nothing to wait for.
      queueMicrotask(restartWhenIdle);
    },
    restartPending: () => wanted || replacing !== null,
    settled: () => (wanted || replacing ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    async close() {
      closed = true;
      while (replacing) await replacing;
      unsubscribe();
      await core.close();
    },
  };
}
