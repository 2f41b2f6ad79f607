/**
 * Sliding one-second window over admitted requests. Rejected requests do not count, so a
 * client that backs off gets through as soon as the window has room again.
 */
export interface RateLimiter {
  tryAcquire(nowMs: number): boolean;
  setLimit(requestsPerSecond: number | null): void;
  limit(): number | null;
  reset(): void;
}

const WINDOW_MS = 1_000;

export function createSlidingWindowLimiter(requestsPerSecond: number | null): RateLimiter {
  let limit = checkLimit(requestsPerSecond);
  let admitted: number[] = [];
  return {
    tryAcquire(nowMs) {
      if (limit === null) return true;
      let expired = 0;
      while (expired < admitted.length && (admitted[expired] ?? 0) <= nowMs - WINDOW_MS) expired += 1;
      if (expired > 0) admitted = admitted.slice(expired);
      if (admitted.length >= limit) return false;
      admitted.push(nowMs);
      return true;
    },
    setLimit(next) {
      limit = checkLimit(next);
    },
    limit: () => limit,
    reset() {
      admitted = [];
    },
  };
}

function checkLimit(value: number | null): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 1) throw new RangeError('rate limit must be a positive integer or null');
  return value;
}
