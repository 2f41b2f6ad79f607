import { randomBytes } from 'node:crypto';
import type { Clock } from '../../electron/core/clock';
import { createFaults, type Faults } from '../shared/faults';
import { listenLoopback } from '../shared/http';
import { createCloudHandler } from './routes';
import { generateDemoShop } from './seed';
import { CloudStore, createSandboxClock, MAX_LEASE_SECONDS, type SandboxClock } from './store';

export interface CloudSandboxOptions {
  /** Size of the seeded demo shop; 0 members starts an empty shop. */
  members?: number;
  orders?: number;
  seed?: number;
  port?: number;
  /** Fixed token for demos; a random one otherwise. */
  token?: string;
  /** The clock leases are measured against; POST /_sandbox/clock advances it further. */
  clock?: Clock;
  /** Randomness for fault injection, so error rates are reproducible in tests. */
  random?: () => number;
  /** The longest lease granted (at most 3600 seconds); a workstation asking for more gets this. */
  maxLeaseSeconds?: number;
}

export interface CloudSandbox {
  url: string;
  port: number;
  token: string;
  store: CloudStore;
  faults: Faults;
  clock: SandboxClock;
  close(): Promise<void>;
}

export async function startCloudSandbox(options: CloudSandboxOptions = {}): Promise<CloudSandbox> {
  const clock = createSandboxClock(options.clock);
  const store = new CloudStore(clock);
  if (options.maxLeaseSeconds !== undefined) store.maxLeaseSeconds = Math.min(options.maxLeaseSeconds, MAX_LEASE_SECONDS);
  const members = options.members ?? 200;
  if (members > 0) {
    store.seed(generateDemoShop({ members, orders: options.orders ?? members * 5, ...(options.seed === undefined ? {} : { seed: options.seed }) }));
  }
  const faults = createFaults(options.random);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const server = await listenLoopback(createCloudHandler({ store, faults, token }), options.port ?? 0);
  return { url: server.url, port: server.port, token, store, faults, clock, close: server.close };
}
