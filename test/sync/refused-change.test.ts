import { randomUUID } from 'node:crypto';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import type { LocDetailView } from '../../electron/core/api/handlers/loc';
import type { SyncStatus } from '../../electron/core/sync/types';
import { followCloudAfterRefusal } from '../../electron/core/loc/cloud-refusal';
import { queueCounts } from '../../electron/core/robot/work-queue';
import { releaseLease, takeLease } from '../../sandbox/cloud/leases';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { reasonText } from '../../renderer/src/loc/reason-text';
import { startScriptedCloud } from '../../electron/core/sync/sync-test-support';
import { tempDir } from '../fixtures/tmp';

/**
 * A change made on a replica that is behind the cloud, which the cloud refuses: the request must
 * stop showing the change, show what the cloud says (now and as the feed moves on), and say on
 * the request who made the change and why the cloud refused it, while 同期状況 lists the refusal.
 */
let cloud: CloudSandbox;
let core: Core;
let dir: { dir: string; remove(): void };

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 10 });
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
  dir = tempDir('tanto-refused-change-');
  core = createCore({ dataDir: dir.dir, cloud: { baseUrl: cloud.url, token: cloud.token }, log: () => undefined });
});

afterAll(async () => {
  await core?.close();
  await cloud?.close();
  dir?.remove();
});

/** A request waiting for staff in the cloud, pulled into the replica. */
async function waitingRequest(status: 'needs_manual' | 'done' = 'needs_manual'): Promise<number> {
  const template = [...cloud.store.locRequests.values()][0]!;
  const id = cloud.store.nextId('loc_request');
  const done = status === 'done';
  cloud.store.upsert('loc_request', {
    ...template,
    id,
    uid: randomUUID(),
    status,
    completionStatus: done ? '対応完了' : null,
    completedAt: done ? cloud.store.clock.now().toISOString() : null,
    finishedBy: done ? { kind: 'staff', name: '佐藤' } : null,
    robotResult: null,
    lease: null,
  });
  await core.sync.now();
  return id;
}

async function call<T>(name: string, args: unknown): Promise<T> {
  const answer = (await core.api.call(name as never, args as never)) as { result?: T; error?: { message: string } };
  if (!answer.result) throw new Error(`${name}: ${answer.error?.message ?? 'no result'}`);
  return answer.result;
}

const detail = (id: number) => call<LocDetailView>('loc.get', { id });
const syncStatus = () => call<SyncStatus>('sync.status', {});
const said = (lng: string, reason: unknown, text: string | null) => reasonText(i18next.getFixedT(lng), reason as never, text);

describe('a completion the cloud refuses because another workstation holds the request', () => {
  let id = 0;
  let leaseId = '';

  it('shows the request as the cloud has it, not done, with the refusal on it', async () => {
    id = await waitingRequest();
    const lease = takeLease(cloud.store, id, 'OTHER-PC#1', 600);
    if (!lease.ok) throw new Error('the sandbox did not lease the request');
    leaseId = lease.lease.leaseId;

    await call('loc.complete', { ids: [id], completionStatus: '対応完了', staff: '山田' });
    expect((await detail(id)).status).toBe('done');
    const result = await core.sync.now();
    expect(result.rejected).toBe(1);

    const d = await detail(id);
    expect(d.status).toBe('needs_manual');
    expect(d.completionStatus).toBeNull();
    expect(d.work?.status).toBe('needs_manual');
    expect(d.robotHold).toMatchObject({ holderName: 'OTHER-PC', here: false });
    const last = d.transitions.at(-1)!;
    expect(last).toMatchObject({ event: 'refused_by_cloud', actor: 'cloud', fromStatus: 'done', toStatus: 'needs_manual' });
    expect(last.reasonData).toEqual({ key: 'refusedByCloud', params: ['山田', { key: 'completedByStaff', params: ['対応完了'] }, 'leased_elsewhere'] });
    expect(said('ja', last.reasonData, last.reason)).toBe(
      '山田の「対応完了」をクラウドが受け付けませんでした。別のワークステーションのロボットがこの申請を処理中のため、受け付けませんでした。処理が終わってから申請を確かめてください。',
    );
    expect(said('en', last.reasonData, last.reason)).toBe(
      "The cloud refused “Handled” by 山田. Another workstation's robot is working this request, so the change was refused. Check the request once it is finished.",
    );
    // Not the reason it waits for: the request waits for what the cloud says it waits for.
    expect(d.work?.reason).toBeNull();

    const listed = await call<{ items: Array<{ id: number; status: string }> }>('loc.list', { page: 1, pageSize: 100, completed: false });
    expect(listed.items.find((r) => r.id === id)?.status).toBe('needs_manual');
    expect(queueCounts(core.db, ['crosssell', 'cancel', 'upsell']).done).toBe(
      core.db.prepare("SELECT count(*) FROM loc_requests WHERE status = 'done'").pluck().get() as number,
    );
    const refused = (await syncStatus()).rejected.filter((op) => op.subject.requestId === id);
    expect(refused).toMatchObject([{ kind: 'loc.setStatus', code: 'leased_elsewhere', subject: { status: 'done' } }]);
  });

  it('is refused again here while the other robot holds it, as held, not as already done', async () => {
    const answer = (await core.api.call('loc.complete', { ids: [id], completionStatus: '対応完了', staff: '山田' })) as { error?: { details?: unknown } };
    expect(answer.error?.details).toMatchObject({ alreadyDone: [], held: [{ id, here: false }] });
  });

  it('follows the cloud as the feed moves on, and may be completed here once the other robot let it go', async () => {
    releaseLease(cloud.store, id, leaseId);
    await core.sync.now();
    expect((await detail(id)).robotHold).toBeNull();
    await call('loc.complete', { ids: [id], completionStatus: '受付断念', staff: '山田' });
    await core.sync.now();
    const d = await detail(id);
    expect(d).toMatchObject({ status: 'done', completionStatus: '受付断念' });
    expect(d.work?.status).toBe('done');
    expect(cloud.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: '受付断念' });
  });
});

describe('a reopen the cloud refuses because the request is no longer done there', () => {
  it('shows the status the cloud says and who asked for the reopen', async () => {
    const id = await waitingRequest('done');
    // Another workstation reopened it in the meantime; this replica has not heard yet.
    cloud.store.upsert('loc_request', { ...cloud.store.locRequests.get(id)!, status: 'needs_manual', completionStatus: null, completedAt: null, finishedBy: null, updatedAt: cloud.store.clock.now().toISOString() });
    await call('loc.reopen', { id, reason: '金額の確認', staff: '鈴木' });
    await core.sync.now();

    const d = await detail(id);
    expect(d.status).toBe('needs_manual');
    expect(d.work?.status).toBe('needs_manual');
    const last = d.transitions.at(-1)!;
    expect(last.reasonData).toEqual({ key: 'refusedByCloud', params: ['鈴木', { key: 'reopenChange', params: [] }, 'not_done'] });
    expect(said('zh-TW', last.reasonData, last.reason)).toMatch(/^雲端未接受鈴木的「重新開啟」。/);
  });
});

describe('a refusal of a request another change still waits to be sent for', () => {
  it('leaves the request to that change, which the cloud will judge itself', async () => {
    const id = await waitingRequest();
    await call('loc.complete', { ids: [id], completionStatus: '対応完了', staff: '山田' });
    const pending = core.db.prepare("SELECT op_id AS opId, kind, payload FROM outbox WHERE state = 'pending'").get() as { opId: string; kind: string; payload: string };
    // An earlier change to the same request, refused while this one still waits to be sent.
    const earlier = { opId: randomUUID(), kind: 'loc.setStatus', payload: JSON.stringify({ requestId: id, status: 'queued' }), code: 'leased_elsewhere', reason: 'x' };
    expect(followCloudAfterRefusal(core.db, earlier, new Date().toISOString())).toBeNull();
    expect((await detail(id)).work?.status).toBe('done');
    // Once the waiting one is refused too, the request follows the cloud.
    core.db.prepare("UPDATE outbox SET state = 'rejected' WHERE op_id = ?").run(pending.opId);
    expect(followCloudAfterRefusal(core.db, { ...pending, code: 'leased_elsewhere', reason: 'x' }, new Date().toISOString())).toBe(id);
    expect((await detail(id)).work?.status).toBe('needs_manual');
  });
});

describe('a completion the cloud refuses because it saw the request completed elsewhere first', () => {
  it('shows the completion the cloud has, and the request can be reopened here', async () => {
    // A cloud that answers as the real one does for a request already done: the change is refused.
    const source = [...cloud.store.locRequests.values()][0]!;
    const member = cloud.store.members.get(source.memberId)!;
    const at = '2026-12-04T01:00:00.000Z';
    const request = { ...source, id: 500, uid: randomUUID(), status: 'needs_manual' as const, completionStatus: null, completedAt: null, finishedBy: null, robotResult: null, lease: null, crosssellConfigId: null, kind: 'cancel' as const, updatedAt: at };
    const scripted = await startScriptedCloud({
      feed: [
        { seq: 1, entity: 'member', op: 'upsert', data: member },
        { seq: 2, entity: 'loc_request', op: 'upsert', data: request },
      ],
      answer: (operations, c) => {
        c.feed.push({ seq: 3, entity: 'loc_request', op: 'upsert', data: { ...request, status: 'done', completionStatus: '受付断念', completedAt: at, finishedBy: { kind: 'staff', name: '佐藤' } } });
        return { status: 200, body: { results: operations.map((op) => ({ opId: op.opId, status: 'rejected', code: 'already_done', reason: 'LOC request 500 is already done' })) } };
      },
    });
    const here = tempDir('tanto-refused-done-');
    const other = createCore({ dataDir: here.dir, cloud: { baseUrl: scripted.url, token: scripted.token }, log: () => undefined });
    try {
      await other.sync.now();
      const answer = await other.api.call('loc.complete', { ids: [500], completionStatus: '対応完了', staff: '山田' });
      expect(answer).not.toHaveProperty('error');
      await other.sync.now();
      const d = ((await other.api.call('loc.get', { id: 500 })) as { result: LocDetailView }).result;
      expect(d).toMatchObject({ status: 'done', completionStatus: '受付断念', finishedBy: 'staff', finishedByName: '佐藤' });
      expect(d.work?.status).toBe('done');
      expect(d.transitions.at(-1)?.reasonData).toEqual({ key: 'refusedByCloud', params: ['山田', { key: 'completedByStaff', params: ['対応完了'] }, 'already_done'] });
      expect(said('ja', d.transitions.at(-1)?.reasonData, null)).toContain('この申請はすでに完了しているため、受け付けませんでした。');
      // Done as the cloud says, so staff may reopen it here.
      expect(await other.api.call('loc.reopen', { id: 500, reason: '完了の種類を直す', staff: '山田' })).toMatchObject({ result: { status: 'needs_manual' } });
    } finally {
      await other.close();
      await scripted.close();
      here.remove();
    }
  });
});
