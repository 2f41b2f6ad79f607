import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import type { Db } from '../db/open';
import { createCloudClient, type CloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { enqueueOperation } from './outbox';
import { readSyncState } from './sync-state';
import { sandboxControl, startScriptedCloud, tempDir, type TempDir } from './sync-test-support';

let sandbox: CloudSandbox;
let dir: TempDir;
let client: CloudClient;
const noWait = { retries: 2, sleep: async () => {} };

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 200, orders: 400 });
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  dir = tempDir();
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

/** Members with a tag they do not carry, and LOC requests still new: targets the cloud accepts. */
function targets(db: Db) {
  const pairs = db
    .prepare(
      `SELECT m.id AS memberId, t.id AS tagId FROM members m CROSS JOIN tags t
       WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id)
       GROUP BY m.id ORDER BY m.id LIMIT 4`,
    )
    .all() as Array<{ memberId: number; tagId: number }>;
  const requests = db.prepare("SELECT id FROM loc_requests WHERE status <> 'done' ORDER BY id LIMIT 2").pluck().all() as number[];
  return { pairs, requests };
}

/**
 * The culprit in the middle of one batch, two ways: the cloud answers it rejected in a 200, or
 * it cannot parse the batch at all (an operation id that is not a UUID, as an older workstation
 * might have written) and answers the whole batch 400.
 */
const culprits = {
  'answered rejected in a 200': {
    enqueue: (db: Db) => enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId: 999_999, status: 'queued' } }),
    reason: 'unknown LOC request 999999',
    code: 'not_found',
    subject: { requestId: 999_999, status: 'queued' },
  },
  'the whole batch answered 400': {
    enqueue: (db: Db) => {
      db.prepare("INSERT INTO outbox (op_id, kind, payload, created_at) VALUES ('legacy-op-7', 'loc.setStatus', ?, ?)").run(
        JSON.stringify({ requestId: 999_998, status: 'queued' }),
        new Date().toISOString(),
      );
      return 'legacy-op-7';
    },
    reason: expect.stringMatching(/^HTTP 400 invalid_request: operations\.0\.opId: /),
    code: 'invalid_request',
    subject: { requestId: 999_998, status: 'queued' },
  },
};

describe.each(Object.entries(culprits))('a batch whose middle operation is refused, %s', (name, culprit) => {
  it('applies the others, records the refusal with its reason, and pulls to the head in the same cycle', async () => {
    const db = dir.open(`${name.replaceAll(' ', '-')}.sqlite`);
    const engine = createSyncEngine({ db, client, retry: noWait });
    await engine.now();
    const { pairs, requests } = targets(db);
    const before = enqueueBefore(db, pairs.slice(0, 2), requests[0]!);
    const refused = culprit.enqueue(db);
    const after = enqueueBefore(db, pairs.slice(2, 4), requests[1]!);
    const received = (await sandboxControl(sandbox).inspect()).mutations.received;

    const result = await engine.now();
    expect(result).toMatchObject({ pushed: 6, rejected: 1 });

    const cloud = await sandboxControl(sandbox).inspect();
    const statuses = new Map(cloud.mutations.log.slice(received).map((m) => [m.opId, m.status]));
    for (const opId of [...before, ...after]) expect(statuses.get(opId)).toBe('applied');
    expect(cloud.mutations.log.slice(received).filter((m) => m.status === 'applied').map((m) => m.opId)).toEqual([...before, ...after]);

    const status = engine.status();
    expect(status.rejected).toEqual([
      { opId: refused, kind: 'loc.setStatus', reason: culprit.reason, code: culprit.code, rejectedAt: expect.any(String), subject: expect.objectContaining(culprit.subject) },
    ]);
    expect(status).toMatchObject({ pending: 0, cursor: cloud.head, lag: 0, lastError: null });
    // What the cloud applied came back in the same cycle's pull.
    for (const { memberId, tagId } of pairs) {
      expect(db.prepare('SELECT source FROM member_tags WHERE member_id = ? AND tag_id = ?').pluck().get(memberId, tagId)).toBe('manual');
    }
    for (const id of requests) expect(db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(id)).toBe('queued');

    // The refused operation is not sent again.
    const sent = cloud.mutations.received;
    await engine.now();
    expect((await sandboxControl(sandbox).inspect()).mutations.received).toBe(sent);
  });
});

function enqueueBefore(db: Db, pairs: Array<{ memberId: number; tagId: number }>, requestId: number): string[] {
  return db.transaction(() => [
    ...pairs.map((pair) => enqueueOperation(db, { kind: 'memberTag.add', payload: { ...pair, source: 'manual', sourceDetail: '同期テスト' } })),
    enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId, status: 'queued' } }),
  ])();
}

describe('a batch the cloud refuses as a whole', () => {
  it('isolates the culprit by halves and sends every other operation once it is found', async () => {
    const sent: string[][] = [];
    const cloud = await startScriptedCloud({
      answer(operations) {
        sent.push(operations.map((op) => op.opId));
        if (operations.some((op) => op.kind === 'unreadable')) return { status: 422, body: { code: 'invalid_request', message: 'operation kind not understood' } };
        return { status: 200, body: { results: operations.map((op) => ({ opId: op.opId, status: 'applied' })) } };
      },
    });
    try {
      const db = dir.open('halves.sqlite');
      const ids = db.transaction(() =>
        Array.from({ length: 8 }, (_, k) =>
          enqueueOperation(db, k === 5 ? { kind: 'unreadable', payload: {} } : { kind: 'usage.increment', payload: { period: '2025-06', count: k + 1 } }),
        ),
      )();
      const engine = createSyncEngine({ db, client: createCloudClient({ baseUrl: cloud.url, token: cloud.token }), retry: noWait });
      expect(await engine.now()).toMatchObject({ pushed: 7, rejected: 1 });
      expect(sent).toEqual([ids, ids.slice(0, 4), ids.slice(4, 8), ids.slice(4, 6), [ids[4]], [ids[5]], ids.slice(6, 8)]);
      expect(engine.status().rejected).toEqual([
        expect.objectContaining({ opId: ids[5], kind: 'unreadable', reason: 'HTTP 422 invalid_request: operation kind not understood' }),
      ]);
      // Each send that failed is counted on the culprit's row.
      expect(db.prepare('SELECT attempts, last_error FROM outbox WHERE op_id = ?').get(ids[5])).toEqual({
        attempts: 4,
        last_error: expect.stringContaining('HTTP 422'),
      });
    } finally {
      await cloud.close();
    }
  });

  it('rejects nothing when the token is refused, stops with a clear error and backs off', async () => {
    const db = dir.open('token.sqlite');
    const opId = enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-06', count: 1 } });
    const start = new Date('2025-06-01T00:00:00Z');
    const engine = createSyncEngine({
      db,
      client: createCloudClient({ baseUrl: sandbox.url, token: 'not-the-token' }),
      clock: { now: () => start },
      retry: { ...noWait, minDelayMs: 1000, random: () => 1 },
    });
    await expect(engine.now()).rejects.toThrow(/HTTP 401.*check the cloud token/);
    const status = engine.status();
    expect(status).toMatchObject({ pending: 1, rejected: [] });
    expect(status.lastError).toMatch(/^Upload of local changes failed: POST \/v1\/mutations failed with HTTP 401.*check the cloud token in settings/);
    expect(db.prepare('SELECT state, attempts FROM outbox WHERE op_id = ?').get(opId)).toEqual({ state: 'pending', attempts: 1 });
    expect(readSyncState(db, 'failures')).toBe('1');
    expect(readSyncState(db, 'next_attempt_at')).toBe('2025-06-01T00:00:01.000Z');
  });
});
