import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { transition } from '../../loc/transitions';
import { createCloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { pendingCount } from '../../sync/outbox';
import { sandboxControl, tempDir, type TempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi, type Api } from '../registry';
import type { Handlers } from '../types';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';

/** Staff completing and reopening LOC requests, against a real replica file and a real cloud sandbox. */

let sandbox: CloudSandbox;
let tmp: TempDir;
let db: Db;
let api: Api;
let changed: number[][];

type LocPage = Handlers['loc.list']['result'];

beforeEach(async () => {
  // 1,000 members give the demo shop ten LOC requests, open ones in several statuses and done ones.
  sandbox = await startCloudSandbox({ members: 1000, orders: 300, seed: 7 });
  tmp = tempDir('tanto-loc-staff-');
  db = tmp.open();
  const events = createEventBus();
  changed = [];
  events.on('loc.changed', ({ ids }) => changed.push(ids));
  const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  const sync = createSyncEngine({ db, client, retry: { retries: 0 } });
  api = createApi(handlers, { db, clock: { now: () => new Date('2026-11-23T09:00:00Z') }, events, sync }, () => {});
  await ok('sync.now', {});
});
afterEach(async () => {
  tmp.remove();
  await sandbox.close();
});

const ok = <T = unknown>(name: string, args: unknown) => resultOf<T>(api, name, args);

const fails = (name: string, args: unknown) => refusalOf(api, name, args);

function idsWith(status: string): number[] {
  return db.prepare('SELECT id FROM loc_requests WHERE status = ? ORDER BY id').pluck().all(status) as number[];
}

function openIds(): number[] {
  return db.prepare("SELECT id FROM loc_requests WHERE status <> 'done' ORDER BY id").pluck().all() as number[];
}

function localState() {
  return {
    work: db.prepare('SELECT * FROM loc_work ORDER BY loc_request_id').all(),
    transitions: db.prepare('SELECT count(*) FROM loc_transitions').pluck().get(),
    outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get(),
  };
}

async function cloudSetStatusCount(): Promise<number> {
  const { mutations } = await sandboxControl(sandbox).inspect();
  return mutations.log.filter((m) => m.kind === 'loc.setStatus' && m.status === 'applied').length;
}

describe('loc.complete', () => {
  it('finishes open requests in any status, journals who did it, and the cloud records each once', async () => {
    const open = openIds();
    expect(new Set(open.map((id) => db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(id))).size).toBeGreaterThan(2);
    // One request the robot has worked on and given up: its own status, not the server's, is what staff finish.
    const worked = idsWith('new')[0]!;
    for (const event of ['queue', 'lease', 'start', 'fail_business'] as const) transition(db, worked, event, { actor: 'robot', at: '2026-11-23T08:00:00Z' });
    const before = new Map(open.map((id) => [id, (db.prepare('SELECT status FROM loc_requests WHERE id = ?').pluck().get(id) as string)]));
    before.set(worked, 'needs_manual');

    const result = await ok<Handlers['loc.complete']['result']>('loc.complete', {
      ids: [...open, open[0]],
      completionStatus: '受付断念',
      note: '電話で確認済み',
      staff: '田中',
    });
    expect(result).toEqual({ ids: open, status: 'done', completionStatus: '受付断念' });
    expect(changed).toEqual([open]);

    const journal = db
      .prepare(`SELECT loc_request_id AS id, from_status AS fromStatus, to_status AS toStatus, actor, actor_detail AS actorDetail, reason
                FROM loc_transitions WHERE event = 'complete_by_staff' ORDER BY loc_request_id`)
      .all();
    expect(journal).toEqual(
      open.map((id) => ({ id, fromStatus: before.get(id), toStatus: 'done', actor: 'staff', actorDetail: '田中', reason: '受付断念: 電話で確認済み' })),
    );
    expect(pendingCount(db)).toBe(open.length);
    // Before any sync, the lists already show the requests as finished (server state plus pending operations).
    expect((await ok<LocPage>('loc.list', { completed: false })).total).toBe(0);
    const shown = await ok<LocPage>('loc.list', { completed: true, status: ['done'], sort: { field: 'id', direction: 'asc' }, pageSize: 500 });
    expect(shown.items.filter((r) => open.includes(r.id))).toEqual(
      open.map((id) => expect.objectContaining({ id, status: 'done', completionStatus: '受付断念', completedAt: expect.any(String) })),
    );
    expect(await ok('loc.get', { id: worked })).toMatchObject({ status: 'done', completionStatus: '受付断念', note: '電話で確認済み' });

    await ok('sync.now', {});
    expect(await cloudSetStatusCount()).toBe(open.length);
    for (const id of open) {
      expect(sandbox.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: '受付断念', note: '電話で確認済み' });
    }
    const completed = await ok<LocPage>('loc.list', { completed: true, pageSize: 500 });
    expect(completed.items.map((r) => r.id)).toEqual(expect.arrayContaining(open));
    expect(completed.items.every((r) => r.status === 'done')).toBe(true);
    expect((await ok<LocPage>('loc.list', { completed: false })).total).toBe(0);

    // A second click on the same rows changes nothing and sends nothing.
    const again = await fails('loc.complete', { ids: open.slice(0, 2), completionStatus: '対応完了' });
    expect(again).toMatchObject({ kind: 'conflict', details: { unknown: [], alreadyDone: open.slice(0, 2) } });
    await ok('sync.now', {});
    expect(await cloudSetStatusCount()).toBe(open.length);
  });

  it('refuses the whole batch when one request is unknown or already done, naming them, and changes nothing', async () => {
    const [first, second] = openIds();
    const done = idsWith('done')[0]!;
    const state = localState();
    const error = await fails('loc.complete', { ids: [first, done, second, 999_999], completionStatus: '対応完了' });
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ unknown: [999_999], held: [], alreadyDone: [done] });
    expect(error.message).toContain('999999');
    expect(error.message).toContain(String(done));
    expect(localState()).toEqual(state);
    expect(changed).toEqual([]);
  });

  it('refuses malformed arguments before touching anything', async () => {
    const [first] = openIds();
    expect(await fails('loc.complete', { ids: [], completionStatus: '対応完了' })).toMatchObject({ kind: 'invalid_argument' });
    expect(await fails('loc.complete', { ids: Array.from({ length: 501 }, (_, i) => i + 1), completionStatus: '対応完了' })).toMatchObject({
      kind: 'invalid_argument',
    });
    expect(await fails('loc.complete', { ids: [first], completionStatus: '完了' })).toMatchObject({ kind: 'invalid_argument' });
    expect(localState().outbox).toBe(0);
  });
});

describe('loc.reopen', () => {
  it('sends a finished request back to needs_manual with the reason audited, and the cloud clears its completion', async () => {
    const id = idsWith('done')[0]!;
    expect(sandbox.store.locRequests.get(id)?.completionStatus).not.toBeNull();

    expect(await ok('loc.reopen', { id, reason: '顧客から再度の問い合わせ', staff: '佐藤' })).toEqual({ id, status: 'needs_manual' });
    expect(changed).toEqual([[id]]);
    expect(db.prepare(`SELECT from_status, to_status, event, actor, actor_detail, reason FROM loc_transitions WHERE loc_request_id = ?`).all(id)).toEqual([
      { from_status: 'done', to_status: 'needs_manual', event: 'reopen_by_staff', actor: 'staff', actor_detail: '佐藤', reason: '顧客から再度の問い合わせ' },
    ]);

    expect(await ok('loc.get', { id })).toMatchObject({ status: 'needs_manual', completionStatus: null, completedAt: null, note: '顧客から再度の問い合わせ' });
    expect((await ok<LocPage>('loc.list', { completed: true, search: String(id) })).items).toEqual([]);

    await ok('sync.now', {});
    expect(sandbox.store.locRequests.get(id)).toMatchObject({
      status: 'needs_manual',
      completionStatus: null,
      completedAt: null,
      note: '顧客から再度の問い合わせ',
    });
    const open = await ok<LocPage>('loc.list', { completed: false, search: String(id) });
    expect(open.items).toEqual([expect.objectContaining({ id, status: 'needs_manual', completionStatus: null })]);
    expect((await ok<Handlers['loc.get']['result']>('loc.get', { id })).transitions.at(-1)).toMatchObject({
      event: 'reopen_by_staff',
      reason: '顧客から再度の問い合わせ',
    });

    // Reopened, it can be finished again.
    await ok('loc.complete', { ids: [id], completionStatus: '対応完了' });
    await ok('sync.now', {});
    expect(sandbox.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: '対応完了' });
  });

  it('refuses a request that is not done, an unknown one, and a missing reason', async () => {
    const [open] = openIds();
    const done = idsWith('done')[0]!;
    expect(await fails('loc.reopen', { id: open, reason: '間違い' })).toMatchObject({ kind: 'conflict' });
    expect(await fails('loc.reopen', { id: 999_999, reason: '間違い' })).toMatchObject({ kind: 'not_found' });
    expect(await fails('loc.reopen', { id: done })).toMatchObject({ kind: 'invalid_argument' });
    expect(await fails('loc.reopen', { id: done, reason: '   ' })).toMatchObject({ kind: 'invalid_argument' });
    expect(await fails('loc.reopen', { id: done, reason: 'あ'.repeat(501) })).toMatchObject({ kind: 'invalid_argument' });
    expect(localState()).toMatchObject({ transitions: 0, outbox: 0 });
  });
});
