import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import type { Db } from '../db/open';
import { CloudError, createCloudClient, type CloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { enqueueOperation } from './outbox';
import { sandboxControl, tempDir, type TempDir } from './sync-test-support';

let sandbox: CloudSandbox;
let dir: TempDir;
let client: CloudClient;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 100, orders: 300 });
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  dir = tempDir();
});
afterEach(async () => {
  await sandboxControl(sandbox).faults({ reset: true });
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

const untaggedPair = (db: Db) =>
  db
    .prepare(
      `SELECT m.id AS memberId, t.id AS tagId FROM members m CROSS JOIN tags t
       WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id)
       ORDER BY m.id, t.id LIMIT 1`,
    )
    .get() as { memberId: number; tagId: number };

describe('the outbox', () => {
  it('applies operations once when they are replayed after a crash between the cloud applying them and the rows being removed', async () => {
    const file = 'crash.sqlite';
    let db = dir.open(file);
    await createSyncEngine({ db, client }).now();
    const pair = untaggedPair(db);
    const requestId = db.prepare("SELECT id FROM loc_requests WHERE status = 'new' ORDER BY id LIMIT 1").pluck().get() as number;
    const opIds = db.transaction(() => [
      enqueueOperation(db, { kind: 'memberTag.add', payload: { ...pair, source: 'robot', sourceDetail: 'LOC #1' } }),
      enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId, status: 'queued' } }),
      enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-06', count: 1 } }),
    ])();

    // The cloud applies the batch, then the workstation dies before it hears the answer.
    const crashing: CloudClient = {
      ...client,
      async postMutations(operations) {
        await client.postMutations(operations);
        throw new CloudError('transient', 'POST /v1/mutations: the connection dropped while reading the answer');
      },
    };
    await expect(createSyncEngine({ db, client: crashing, retry: { retries: 0 } }).now()).rejects.toThrow(/connection dropped/);
    expect(db.prepare('SELECT op_id, attempts FROM outbox ORDER BY seq').all()).toEqual(opIds.map((op_id) => ({ op_id, attempts: 1 })));
    db.close();

    db = dir.open(file);
    const engine = createSyncEngine({ db, client });
    const result = await engine.now();
    expect(result).toMatchObject({ pushed: 3, rejected: 0 });
    expect(engine.status()).toMatchObject({ pending: 0, rejected: [], lastError: null });

    const cloud = await sandboxControl(sandbox).inspect();
    for (const opId of opIds) {
      const seen = cloud.mutations.log.filter((m) => m.opId === opId).map((m) => m.status);
      expect(seen).toEqual(['applied', 'duplicate']);
    }
    expect(cloud.usage['2025-06']).toBe(1);

    // What the cloud applied came back through the feed, with the history saying who set the tag.
    expect(db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(requestId)).toBe('queued');
    expect(
      db.prepare("SELECT action, source, source_detail FROM member_tag_history WHERE member_id = ? AND tag_id = ?").all(pair.memberId, pair.tagId),
    ).toEqual([{ action: 'add', source: 'robot', source_detail: 'LOC #1' }]);
  });

  it('records a rejected operation, shows it in status, and keeps going', async () => {
    const db = dir.open('rejected.sqlite');
    const engine = createSyncEngine({ db, client });
    await engine.now();
    const refused = enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId: 999_999, status: 'queued' } });
    const fine = enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-07', count: 2 } });

    const result = await engine.now();
    expect(result).toMatchObject({ pushed: 1, rejected: 1 });
    const status = engine.status();
    expect(status.pending).toBe(0);
    expect(status.rejected).toEqual([
      {
        opId: refused,
        kind: 'loc.setStatus',
        reason: 'unknown LOC request 999999',
        code: 'not_found',
        rejectedAt: expect.any(String),
        subject: expect.objectContaining({ requestId: 999_999, status: 'queued', memberId: null, tagId: null }),
      },
    ]);
    expect(db.prepare('SELECT count(*) FROM outbox WHERE op_id = ?').pluck().get(fine)).toBe(0);
    expect(status.lastPullAt).not.toBeNull();

    // A later cycle does not send the rejected operation again.
    const received = (await sandboxControl(sandbox).inspect()).mutations.received;
    await engine.now();
    expect((await sandboxControl(sandbox).inspect()).mutations.received).toBe(received);
  });

  it('retries transient 500s with growing backoff and then delivers', async () => {
    const control = sandboxControl(sandbox);
    const db = dir.open('transient.sqlite');
    const opId = enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-08', count: 5 } });
    await control.faults({ errorRate: 1 });
    const delays: number[] = [];
    const engine = createSyncEngine({
      db,
      client,
      retry: {
        retries: 5,
        minDelayMs: 100,
        maxDelayMs: 10_000,
        random: () => 1,
        async sleep(ms) {
          delays.push(ms);
          if (delays.length === 3) await control.faults({ reset: true });
        },
      },
    });

    const result = await engine.now();
    expect(result.pushed).toBe(1);
    expect(delays).toEqual([100, 200, 400]);
    const cloud = await control.inspect();
    expect(cloud.usage['2025-08']).toBe(5);
    expect(cloud.mutations.log.filter((m) => m.opId === opId).map((m) => m.status)).toEqual(['applied']);
    expect(engine.status().pending).toBe(0);
  });

  it('keeps failing operations pending with their attempts and last error when the cloud stays down', async () => {
    const db = dir.open('down.sqlite');
    enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-09', count: 1 } });
    await sandboxControl(sandbox).faults({ outage: true });
    const engine = createSyncEngine({ db, client, retry: { retries: 2, sleep: async () => {} } });
    await expect(engine.now()).rejects.toThrow(CloudError);
    const status = engine.status();
    expect(status.pending).toBe(1);
    expect(status.lastError).toMatch(/^Upload of local changes failed: POST \/v1\/mutations failed with HTTP 503/);
    expect(db.prepare('SELECT attempts, last_error FROM outbox').get()).toEqual({
      attempts: 3,
      last_error: expect.stringMatching(/HTTP 503/),
    });
  });

  it('refuses an operation whose payload does not match its kind, before it is queued', () => {
    const db = dir.open('invalid.sqlite');
    expect(() => enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId: 1, status: 'finished' } as never })).toThrow(
      /invalid loc.setStatus payload at status/,
    );
    expect(() => enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-13', count: 1 }, opId: 'x' })).toThrow(/not a UUID/);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });
});
