import { systemClock, type Clock } from '../../electron/core/clock';

/**
 * A sandbox's "now": a base clock plus a forward-only offset, so tests cross session timeouts,
 * LINE's 24-hour retry-key window or a rate-limit window without waiting.
 */
export interface SandboxClock extends Clock {
  advance(ms: number): void;
  reset(): void;
}

export function createSandboxClock(base: Clock = systemClock): SandboxClock {
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
