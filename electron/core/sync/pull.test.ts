import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { createEventBus } from '../events';
import { createCloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { writeSyncState } from './sync-state';
import { contentHash, localCounts, sandboxControl, tempDir, type TempDir } from './sync-test-support';

const noWait = { retries: 2, sleep: async () => {} };

describe('pulling a demo shop of 10,000 members and 50,000 orders', () => {
  let sandbox: CloudSandbox;
  let dir: TempDir;

  beforeAll(async () => {
    sandbox = await startCloudSandbox({ members: 10_000, orders: 50_000 });
    dir = tempDir();
  });
  afterAll(async () => {
    await sandbox.close();
    dir.remove();
  });

  it('ends with exactly the cloud counts, and a second pull of the same feed changes nothing', async () => {
    const db = dir.open();
    const events = createEventBus();
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    const engine = createSyncEngine({ db, client, events, pageSize: 5000, retry: noWait });
    const changedMembers = new Set<number>();
    events.on('members.changed', ({ ids }) => ids.forEach((id) => changedMembers.add(id)));

    const first = await engine.now();
    const cloud = await sandboxControl(sandbox).inspect();
    expect(cloud.counts.member).toBe(10_000);
    expect(cloud.counts.order).toBe(50_000);
    expect(localCounts(db)).toEqual(cloud.counts);
    expect(first).toMatchObject({ applied: cloud.head, quarantined: 0, cursor: cloud.head });
    expect(changedMembers.size).toBe(10_000);
    const status = engine.status();
    expect(status).toMatchObject({ cursor: cloud.head, lag: 0, pending: 0, quarantined: [], rejected: [], lastError: null, running: false });
    expect(status.lastPullAt).not.toBeNull();

    const hash = contentHash(db);
    const history = db.prepare('SELECT count(*) FROM member_tag_history').pluck().get();
    expect(history).toBe(cloud.counts.member_tag);

    // Pull the whole feed again from the start: every change is seen again and none writes.
    writeSyncState(db, 'cursor', '0');
    let pages = 0;
    events.on('sync.progress', ({ phase }) => {
      if (phase === 'pull') pages += 1;
    });
    const before = db.prepare('SELECT total_changes()').pluck().get() as number;
    await engine.now();
    const after = db.prepare('SELECT total_changes()').pluck().get() as number;
    expect(pages).toBe(Math.ceil(cloud.head / 5000));
    // Only sync_state was written: cursor and head once per page, and the time of the pull.
    expect(after - before).toBe(2 * pages + 1);
    expect(contentHash(db)).toBe(hash);
    expect(localCounts(db)).toEqual(cloud.counts);
  });
});

describe('an outage in the middle of a pull', () => {
  let sandbox: CloudSandbox;
  let dir: TempDir;

  beforeAll(async () => {
    sandbox = await startCloudSandbox({ members: 2000, orders: 10_000 });
    dir = tempDir();
  });
  afterAll(async () => {
    await sandbox.close();
    dir.remove();
  });

  it('fails with a clear error, keeps the pages it had, and completes exactly once the cloud is back', async () => {
    const control = sandboxControl(sandbox);
    const db = dir.open();
    const events = createEventBus();
    const failures: string[] = [];
    events.on('sync.failed', ({ message }) => failures.push(message));
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    const engine = createSyncEngine({ db, client, events, pageSize: 1000, retry: noWait });

    await control.faults({ outageAfterRequests: 3 });
    await expect(engine.now()).rejects.toThrow(/503/);
    const broken = engine.status();
    expect(broken.cursor).toBe(3000);
    expect(broken.lastError).toMatch(/^Download from the cloud failed at cursor 3000: GET \/v1\/changes failed with HTTP 503/);
    expect(broken.lastError).not.toContain(sandbox.token);
    expect(failures).toEqual([broken.lastError]);
    expect(broken.running).toBe(false);

    await control.faults({ reset: true });
    await engine.now();
    const cloud = await control.inspect();
    expect(localCounts(db)).toEqual(cloud.counts);
    expect(engine.status()).toMatchObject({ cursor: cloud.head, lag: 0, lastError: null, quarantined: [] });
    const history = db.prepare('SELECT count(*) FROM member_tag_history').pluck().get();
    expect(history).toBe(cloud.counts.member_tag);
  });
});
