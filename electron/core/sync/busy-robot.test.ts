import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../db/open';
import { createCloudClient, type CloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { enqueueOperation } from './outbox';
import { readSyncState } from './sync-state';
import { startScriptedCloud, tableOf, tempDir, type ScriptedCloud, type TempDir } from './sync-test-support';

/**
 * A robot that enqueues during every single page download, each time an operation on a row that
 * page carries (a LOC request or a member's tag), must not stop the pull: every cycle reaches the
 * head, the rows it has operations for wait untouched until they are sent, and in the end the
 * replica is what the feed says, as if nothing had been held.
 */

const t = '2025-06-01T00:00:00.000Z';
const MEMBERS = 12;
const PAGE = 7;

type FeedChange = ScriptedCloud['feed'][number];

const locRequest = (id: number, status: string) => ({
  id,
  uid: `00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
  memberId: id,
  kind: 'cancel',
  status,
  requestedAt: t,
  updatedAt: t,
});

function shopFeed(): FeedChange[] {
  const changes: Array<Omit<FeedChange, 'seq'>> = [];
  for (let id = 1; id <= 2; id += 1) changes.push({ entity: 'tag', op: 'upsert', data: { id, name: `タグ${id}`, updatedAt: t } });
  for (let id = 1; id <= MEMBERS; id += 1) {
    changes.push({ entity: 'member', op: 'upsert', data: { id, lineUserId: `U${id}`, displayName: `会員${id}`, updatedAt: t } });
    changes.push({ entity: 'loc_request', op: 'upsert', data: locRequest(id, 'new') });
    changes.push({ entity: 'member_tag', op: 'upsert', data: { memberId: id, tagId: 1, source: 'cloud', setAt: t } });
  }
  // Later changes to rows seen earlier: a held row's later changes must wait behind it.
  for (let id = 1; id <= MEMBERS; id += 3) {
    changes.push({ entity: 'loc_request', op: 'upsert', data: locRequest(id, 'needs_manual') });
    changes.push({ entity: 'member_tag', op: 'delete', data: { memberId: id, tagId: 1, source: 'cloud', removedAt: t } });
  }
  return changes.map((c, k) => ({ ...c, seq: k + 1 }) as FeedChange);
}

/** The cloud applies each operation and sends it back through the feed, as the real one does. */
function echo(operations: Array<{ opId: string; kind: string; payload: unknown }>, cloud: ScriptedCloud) {
  for (const op of operations) {
    const seq = (cloud.feed.at(-1)?.seq ?? 0) + 1;
    if (op.kind === 'loc.setStatus') {
      const { requestId, status } = op.payload as { requestId: number; status: string };
      cloud.feed.push({ seq, entity: 'loc_request', op: 'upsert', data: locRequest(requestId, status) });
    } else if (op.kind === 'memberTag.add') {
      const { memberId, tagId } = op.payload as { memberId: number; tagId: number };
      cloud.feed.push({ seq, entity: 'member_tag', op: 'upsert', data: { memberId, tagId, source: 'robot', setAt: t } });
    }
  }
  return { status: 200, body: { results: operations.map((op) => ({ opId: op.opId, status: 'applied' })) } };
}

let cloud: ScriptedCloud;
let dir: TempDir;

beforeAll(async () => {
  cloud = await startScriptedCloud({ feed: shopFeed(), answer: echo });
  dir = tempDir();
});
afterAll(async () => {
  await cloud.close();
  dir.remove();
});

/**
 * Wraps the client so that while every page is on its way, an operation is enqueued on a row
 * that page carries, as the robot does when it starts a request or tags a member.
 */
interface Enqueued {
  /** The change of the page downloading whose row the operations are on; null for a usage count. */
  seq: number | null;
  operations: number;
}

function busyRobot(db: Db, client: CloudClient, enqueued: Enqueued[]): CloudClient {
  let turn = 0;
  return {
    ...client,
    getChanges(since, limit) {
      const answer = client.getChanges(since, limit);
      const page = cloud.feed.filter((c) => c.seq > since).slice(0, limit);
      const target = page.find((c) => c.entity === (turn % 2 === 0 ? 'loc_request' : 'member_tag')) ?? page.find((c) => c.entity === 'loc_request' || c.entity === 'member_tag');
      turn += 1;
      if (!target) {
        enqueueOperation(db, { kind: 'usage.increment', payload: { period: '2025-06', count: 1 } });
        enqueued.push({ seq: null, operations: 1 });
      } else if (target.entity === 'loc_request') {
        const { id } = target.data as { id: number };
        enqueueOperation(db, { kind: 'loc.setStatus', payload: { requestId: id, status: 'queued' } });
        enqueued.push({ seq: target.seq, operations: 1 });
      } else {
        // A tag the page does not carry, and the one it does.
        const { memberId } = target.data as { memberId: number };
        enqueueOperation(db, { kind: 'memberTag.add', payload: { memberId, tagId: 2, source: 'robot' } });
        enqueueOperation(db, { kind: 'memberTag.add', payload: { memberId, tagId: 1, source: 'robot' } });
        enqueued.push({ seq: target.seq, operations: 2 });
      }
      return answer;
    },
  };
}

/** Every server-state row, with history compared without its row ids (their order of insertion may differ). */
function replica(db: Db) {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.values(tableOf)) rows[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();
  rows.history = db.prepare('SELECT member_id, tag_id, action, source, source_detail, at FROM member_tag_history ORDER BY 1, 2, 6, 3').all();
  return rows;
}

it('pulls to the head in every cycle while operations are enqueued during every page download, and loses nothing', async () => {
  const file = 'busy.sqlite';
  let db = dir.open(file);
  const enqueued: Enqueued[] = [];
  const client = createCloudClient({ baseUrl: cloud.url, token: cloud.token });
  let engine = createSyncEngine({ db, client: busyRobot(db, client, enqueued), pageSize: PAGE, retry: { retries: 0 } });

  const first = await engine.now();
  const head = cloud.feed.at(-1)!.seq;
  const pages = Math.ceil(head / PAGE);
  expect(cloud.requests.changes).toBe(pages);
  expect(enqueued).toHaveLength(pages);
  expect(first.cursor).toBe(head);
  expect(engine.status()).toMatchObject({ cursor: head, lag: 0, pending: enqueued.reduce((n, e) => n + e.operations, 0) });

  // The changes to rows with operations waiting were held, not written; every other change was applied.
  const held = (JSON.parse(readSyncState(db, 'held_changes') ?? '[]') as Array<{ seq: number }>).map((c) => c.seq);
  for (const { seq } of enqueued) if (seq !== null) expect(held).toContain(seq);
  expect(first.applied + held.length).toBe(head);
  expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(MEMBERS);

  // What was held survives a restart. The robot keeps enqueueing during every download.
  db.close();
  db = dir.open(file);
  engine = createSyncEngine({ db, client: busyRobot(db, client, enqueued), pageSize: PAGE, retry: { retries: 0 } });
  for (let cycle = 0; cycle < 3; cycle += 1) {
    const result = await engine.now();
    expect(result.cursor).toBe(cloud.feed.at(-1)!.seq);
    expect(engine.status().lag).toBe(0);
  }

  // A quiet cycle sends the last operations and applies what was held for them.
  engine = createSyncEngine({ db, client, pageSize: PAGE, retry: { retries: 0 } });
  await engine.now();
  expect(engine.status()).toMatchObject({ pending: 0, rejected: [], quarantined: [], cursor: cloud.feed.at(-1)!.seq, lag: 0 });
  expect(readSyncState(db, 'held_changes')).toBeNull();

  // The same feed pulled by a workstation that queued nothing gives the same replica.
  const reference = dir.open('reference.sqlite');
  await createSyncEngine({ db: reference, client, pageSize: PAGE, retry: { retries: 0 } }).now();
  expect(replica(db)).toEqual(replica(reference));
  expect(db.prepare("SELECT status FROM loc_requests WHERE id = 1").pluck().get()).toBe('queued');
});
