import type http from 'node:http';

/**
 * Fault injection shared by every sandbox: latency, a random error rate, a full outage, and an
 * outage that starts after a number of requests (to cut a long pull in the middle).
 */
export interface FaultSettings {
  latencyMs: { min: number; max: number };
  errorRate: number;
  outage: boolean;
  /** When set, requests after this many (counted from when it was set) fail as an outage. */
  outageAfterRequests: number | null;
}

export const noFaults: FaultSettings = {
  latencyMs: { min: 0, max: 0 },
  errorRate: 0,
  outage: false,
  outageAfterRequests: null,
};

export interface Faults {
  settings(): FaultSettings;
  set(patch: Partial<FaultSettings>): FaultSettings;
  reset(): void;
  /** Applies the faults to one request; returns true when it already answered with a failure. */
  apply(res: http.ServerResponse): Promise<boolean>;
}

export function createFaults(random: () => number = Math.random): Faults {
  let current: FaultSettings = { ...noFaults };
  let counted = 0;
  return {
    settings: () => current,
    set(patch) {
      current = { ...current, ...patch };
      if (patch.outageAfterRequests !== undefined) counted = 0;
      return current;
    },
    reset() {
      current = { ...noFaults };
      counted = 0;
    },
    async apply(res) {
      const { min, max } = current.latencyMs;
      if (max > 0) {
        const delay = min + random() * Math.max(0, max - min);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
      if (current.outageAfterRequests !== null) {
        counted += 1;
        if (counted > current.outageAfterRequests) current = { ...current, outage: true };
      }
      if (current.outage) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'sandbox outage' }));
        return true;
      }
      if (current.errorRate > 0 && random() < current.errorRate) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'sandbox injected error' }));
        return true;
      }
      return false;
    },
  };
}
