import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import type { Clock } from '../clock';
import { createCloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { tempDir, type TempDir } from './sync-test-support';

/** A port nothing listens on: taken from the OS, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let cloud: CloudSandbox;
let dir: TempDir;
let at = Date.parse('2026-12-04T01:00:00Z');
const clock: Clock = { now: () => new Date(at) };
const noRetry = { retries: 0 };

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 5 });
  dir = tempDir();
});

afterAll(async () => {
  dir.remove();
  await cloud.close();
});

describe("the sync's state as staff see it", () => {
  it('says never synced and unreachable, keeps when it began failing, and is up to date once the cloud answers', async () => {
    const db = dir.open('replica-unreachable.sqlite');
    const port = await closedPort();
    const offline = createSyncEngine({ db, client: createCloudClient({ baseUrl: `http://127.0.0.1:${port}`, token: 't' }), clock, retry: noRetry });
    expect(offline.status()).toMatchObject({ health: 'never_synced', failure: null });

    await expect(offline.now()).rejects.toThrow();
    const first = offline.status();
    expect(first.health).toBe('never_synced');
    expect(first.failure).toEqual({ kind: 'unreachable', phase: 'pull', since: '2026-12-04T01:00:00.000Z', at: '2026-12-04T01:00:00.000Z' });

    at += 60_000;
    await expect(offline.now()).rejects.toThrow();
    expect(offline.status().failure).toMatchObject({ since: '2026-12-04T01:00:00.000Z', at: '2026-12-04T01:01:00.000Z' });

    // The same replica, its cloud reachable again: one good cycle clears the failure for good.
    const online = createSyncEngine({ db, client: createCloudClient({ baseUrl: cloud.url, token: cloud.token }), clock, retry: noRetry });
    expect(online.status().failure?.kind).toBe('unreachable');
    await online.now();
    expect(online.status()).toMatchObject({ health: 'up_to_date', failure: null, lag: 0 });
  });

  it('says offline since when it was last synced, and tells a refused token from an unreachable cloud', async () => {
    const db = dir.open('replica-refused.sqlite');
    await createSyncEngine({ db, client: createCloudClient({ baseUrl: cloud.url, token: cloud.token }), clock, retry: noRetry }).now();
    at += 60_000;
    const refused = createSyncEngine({ db, client: createCloudClient({ baseUrl: cloud.url, token: 'not-the-token' }), clock, retry: noRetry });
    await expect(refused.now()).rejects.toThrow();
    expect(refused.status()).toMatchObject({ health: 'offline', failure: { kind: 'unauthorized', since: new Date(at).toISOString() } });
  });
});
