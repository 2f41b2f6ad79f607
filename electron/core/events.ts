import { EventEmitter } from 'node:events';

/** Events pushed to every connected renderer: `{event, payload}` on the wire. */
export interface CoreEvents {
  'sync.progress': { phase: 'push' | 'pull'; applied: number; cursor: number };
  'sync.completed': { applied: number; pushed: number; quarantined: number; cursor: number };
  'sync.failed': { message: string };
  /**
   * `all`: more members changed than an event should carry (a full tag rule evaluation of a large
   * shop); `ids` is then empty and every member's answers are stale.
   */
  'members.changed': { ids: number[]; all?: true };
  'loc.changed': { ids: number[] };
  /** Tag rules created, changed or deleted (as the replica now holds them). */
  'tagRules.changed': { ids: number[] };
  /** The shop's time zone changed: every screen shows times in the new one. */
  'shop.settingsChanged': { timeZone: string };
  /** The shop's staff list gained or lost a name. */
  'staff.changed': Record<string, never>;
  /** The robot started or stopped (by staff, the night window, or the PC going to sleep). */
  'robot.changed': { running: boolean };
  /** Night mode's settings changed: the desktop shell applies starting at login. */
  'night.settingsChanged': { startAtLogin: boolean };
  /** An evaluation of the tag rules in batches: members covered of all it will; the last event has `running: false`. */
  'tagRules.progress': { done: number; total: number; running: boolean };
  /**
   * The robot stopped without staff asking: the night window ended (at the next step boundary).
   * `workLeft` counts the requests still waiting, retrying or being worked; the desktop shell
   * tells staff when some are left.
   */
  'robot.stoppedByItself': { cause: 'night-ended'; workLeft: number; at: string };
}

export type CoreEventName = keyof CoreEvents;

export interface EventBus {
  emit<E extends CoreEventName>(event: E, payload: CoreEvents[E]): void;
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
  onAny(listener: (event: CoreEventName, payload: unknown) => void): () => void;
}

export function createEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emit(event, payload) {
      emitter.emit(event, payload);
      emitter.emit('*', event, payload);
    },
    on(event, listener) {
      emitter.on(event, listener as (p: unknown) => void);
      return () => emitter.off(event, listener as (p: unknown) => void);
    },
    onAny(listener) {
      emitter.on('*', listener);
      return () => emitter.off('*', listener);
    },
  };
}
