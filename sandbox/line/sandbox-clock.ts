import { systemClock, type Clock } from '../../electron/core/clock';

/**
 * The sandbox's "now": a base clock plus an offset that only moves forward. Tests move it to
 * cross LINE's 24-hour retry-key window or a rate-limit window without waiting.
 */
export interface AdvanceableClock extends Clock {
  advance(ms: number): void;
  reset(): void;
}

export function createAdvanceableClock(base: Clock = systemClock): AdvanceableClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError('the sandbox clock only moves forward');
      offsetMs += ms;
    },
    reset() {
      offsetMs = 0;
    },
  };
}
