import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from './server';

/** Leases as the design has them: one holder per request, one leased request per member, and only the holder changes it. */

let cloud: CloudSandbox;

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 30, orders: 60 });
});
afterEach(() => cloud.close());

const HOLDER_A = 'pc-a#1a2b3c4d';
const HOLDER_B = 'pc-b#5e6f7a8b';

async function call(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${cloud.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${cloud.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

interface Granted {
  leaseId: string;
  holder: string;
  expiresAt: string;
  ttlSeconds: number;
}

const take = (requestId: number, holder: string, ttlSeconds = 60) => call(`/v1/loc-requests/${requestId}/lease`, { holder, ttlSeconds });
const renew = (requestId: number, leaseId: string, ttlSeconds = 60) => call(`/v1/loc-requests/${requestId}/lease/renew`, { leaseId, ttlSeconds });
const release = (requestId: number, leaseId: string) => call(`/v1/loc-requests/${requestId}/lease/release`, { leaseId });
const advance = (seconds: number) => call('/_sandbox/clock', { advanceSeconds: seconds });

async function granted(answer: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Granted> {
  const { status, body } = await answer;
  expect(status, JSON.stringify(body)).toBe(200);
  return body as unknown as Granted;
}

async function tap(memberId: number, crosssellConfigId = 1): Promise<{ id: number; uid: string }> {
  const { status, body } = await call('/_sandbox/tap', { memberId, crosssellConfigId });
  expect(status).toBe(201);
  return body as unknown as { id: number; uid: string };
}

async function mutate(kind: string, payload: Record<string, unknown>): Promise<{ status: string; reason?: string }> {
  const { body } = await call('/v1/mutations', { operations: [{ opId: randomUUID(), kind, payload }] });
  const { opId: _opId, ...result } = (body.results as Array<{ opId: string; status: string; reason?: string }>)[0]!;
  return result;
}

/** The loc_request changes the feed gained after `head`, for one request. */
function feedOf(requestId: number, head: number) {
  return cloud.store
    .changesSince(head, 10_000)
    .changes.filter((c) => c.entity === 'loc_request' && (c.data as { id: number }).id === requestId)
    .map((c) => c.data as { id: number; uid: string; lease: { holder: string; since: string; expiresAt: string } | null; status: string });
}

const now = () => cloud.clock.now().getTime();

describe('a lease', () => {
  it('answers the lifetime it granted, capped by the cloud', async () => {
    const { id } = await tap(1);
    const asked = await granted(take(id, HOLDER_A, 120));
    expect(asked.ttlSeconds).toBe(120);
    expect(Date.parse(asked.expiresAt) - now()).toBeGreaterThan(119_000);
    expect(Date.parse(asked.expiresAt) - now()).toBeLessThanOrEqual(120_000);

    cloud.store.maxLeaseSeconds = 90;
    const renewed = await granted(renew(id, asked.leaseId, 600));
    expect(renewed.ttlSeconds).toBe(90);
    expect(Date.parse(renewed.expiresAt) - now()).toBeLessThanOrEqual(90_000);
    const again = await granted(take(id, HOLDER_A, 600));
    expect(again).toMatchObject({ leaseId: asked.leaseId, ttlSeconds: 90 });

    expect((await take(id, HOLDER_A, 3601)).status).toBe(400);
  });

  it('is carried on the request in the feed: since when, until when, one change per take, renewal and release', async () => {
    const { id, uid } = await tap(2);
    const head = cloud.store.head();
    const first = await granted(take(id, HOLDER_A, 60));
    const since = cloud.clock.now().toISOString();
    await advance(20);
    const renewed = await granted(renew(id, first.leaseId, 60));
    await advance(20);
    // A restart of the same holder takes its own lease back: same id, same start.
    const resumed = await granted(take(id, HOLDER_A, 60));
    expect(resumed.leaseId).toBe(first.leaseId);
    expect((await release(id, first.leaseId)).body).toEqual({ released: true });
    expect((await release(id, first.leaseId)).body).toEqual({ released: false });

    const feed = feedOf(id, head);
    expect(feed.map((c) => c.uid)).toEqual([uid, uid, uid, uid]);
    expect(feed.map((c) => c.lease)).toEqual([
      { holder: HOLDER_A, since: expect.any(String), expiresAt: first.expiresAt },
      { holder: HOLDER_A, since: feed[0]!.lease!.since, expiresAt: renewed.expiresAt },
      { holder: HOLDER_A, since: feed[0]!.lease!.since, expiresAt: resumed.expiresAt },
      null,
    ]);
    expect(Math.abs(Date.parse(feed[0]!.lease!.since) - Date.parse(since))).toBeLessThan(1000);
    expect(cloud.store.locRequests.get(id)?.lease).toBeNull();
  });

  it('starts afresh for whoever takes the request after it expired, and the next change clears an expired one', async () => {
    const { id } = await tap(3);
    const a = await granted(take(id, HOLDER_A, 30));
    await advance(31);
    const head = cloud.store.head();
    const b = await granted(take(id, HOLDER_B, 30));
    expect(b.leaseId).not.toBe(a.leaseId);
    expect(feedOf(id, head)[0]?.lease).toEqual({ holder: HOLDER_B, since: expect.any(String), expiresAt: b.expiresAt });
    expect(Date.parse(feedOf(id, head)[0]!.lease!.since)).toBeGreaterThan(Date.parse(a.expiresAt) - 1000);

    await advance(31);
    const later = cloud.store.head();
    expect(await mutate('loc.setStatus', { requestId: id, status: 'needs_manual' })).toEqual({ status: 'applied' });
    expect(feedOf(id, later).map((c) => c.lease)).toEqual([null]);
  });
});

describe("one member's requests", () => {
  it('are never leased at once, by two holders or by one', async () => {
    const single = await tap(4, 1);
    const subscription = await tap(4, 2);
    const other = await tap(5, 1);
    const first = await granted(take(single.id, HOLDER_A));

    for (const holder of [HOLDER_B, HOLDER_A]) {
      const refused = await take(subscription.id, holder);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('member_busy');
      expect(refused.body.message).toContain(`LOC request ${single.id}`);
      expect(refused.body.message).toContain(HOLDER_A);
      expect(refused.body.message).toContain('member 4');
    }
    // Another member is not held up.
    await granted(take(other.id, HOLDER_B));
    // The holder still gets its own lease back.
    expect((await granted(take(single.id, HOLDER_A))).leaseId).toBe(first.leaseId);

    await release(single.id, first.leaseId);
    const second = await granted(take(subscription.id, HOLDER_B));
    const busy = await take(single.id, HOLDER_A);
    expect(busy).toMatchObject({ status: 409, body: { code: 'member_busy' } });
    expect(busy.body.message).toContain(`LOC request ${subscription.id}`);
    expect(busy.body.message).toContain(HOLDER_B);

    // A lease that has expired holds nobody up.
    await advance(61);
    await granted(take(single.id, HOLDER_A));
    expect(second.holder).toBe(HOLDER_B);
  });

  it('report the request itself as held before the member as busy', async () => {
    const { id } = await tap(6);
    await granted(take(id, HOLDER_A));
    expect(await take(id, HOLDER_B)).toMatchObject({ status: 409, body: { code: 'lease_held' } });
  });
});

describe('a leased request', () => {
  it('is changed only by its holder; staff are refused with who works it and since when, until it is released', async () => {
    const { id } = await tap(7);
    const lease = await granted(take(id, HOLDER_A));
    const since = cloud.store.leases.get(id)!.since;
    const reason = `LOC request ${id} is being worked by ${HOLDER_A} since ${new Date(since).toISOString()}; only its holder may change it`;
    const head = cloud.store.head();

    const staff = { requestId: id, status: 'done', completionStatus: '対応完了', note: '電話で対応' };
    expect(await mutate('loc.setStatus', staff)).toEqual({ status: 'rejected', reason, code: 'leased_elsewhere' });
    expect(await mutate('loc.setStatus', { ...staff, leaseId: 'someone-elses' })).toEqual({ status: 'rejected', reason, code: 'leased_elsewhere' });
    expect(await mutate('robot.runResult', { requestId: id, outcome: 'done', message: null })).toEqual({ status: 'rejected', reason, code: 'leased_elsewhere' });
    expect(cloud.store.locRequests.get(id)?.status).toBe('new');
    expect(cloud.store.head()).toBe(head);

    expect(await mutate('robot.runResult', { requestId: id, outcome: 'done', message: null, leaseId: lease.leaseId })).toEqual({ status: 'applied' });
    expect(await mutate('loc.reopen', { requestId: id, reason: '顧客から再依頼' })).toEqual({ status: 'rejected', reason, code: 'leased_elsewhere' });
    expect(await mutate('loc.reopen', { requestId: id, reason: '顧客から再依頼', leaseId: lease.leaseId })).toEqual({ status: 'applied' });
    const changes = feedOf(id, head);
    expect(changes.map((c) => [c.status, c.lease?.holder])).toEqual([['done', HOLDER_A], ['needs_manual', HOLDER_A]]);

    await release(id, lease.leaseId);
    expect(await mutate('loc.setStatus', staff)).toEqual({ status: 'applied' });
    expect(cloud.store.locRequests.get(id)).toMatchObject({ status: 'done', completionStatus: '対応完了', lease: null });
  });

  it('takes staff changes again once its lease has expired', async () => {
    const { id } = await tap(8);
    await granted(take(id, HOLDER_A, 30));
    expect(await mutate('loc.setStatus', { requestId: id, status: 'needs_manual' })).toMatchObject({ status: 'rejected' });
    await advance(31);
    expect(await mutate('loc.setStatus', { requestId: id, status: 'needs_manual' })).toEqual({ status: 'applied' });
  });

  it('accepts a stale lease id when nobody holds it now, as any change', async () => {
    const { id } = await tap(9);
    const lease = await granted(take(id, HOLDER_A));
    await release(id, lease.leaseId);
    expect(await mutate('robot.runResult', { requestId: id, outcome: 'needs_manual', message: '重複: 同じ設定の申請が処理済みです', leaseId: lease.leaseId })).toEqual({
      status: 'applied',
    });
  });
});

describe('the inspection endpoint', () => {
  it("shows each request's uid, member, config and lease", async () => {
    const { id, uid } = await tap(10, 2);
    const lease = await granted(take(id, HOLDER_A));
    const response = await fetch(`${cloud.url}/_sandbox/inspect`, { headers: { authorization: `Bearer ${cloud.token}` } });
    const { locRequests } = (await response.json()) as { locRequests: Array<Record<string, unknown>> };
    expect(locRequests.find((r) => r.id === id)).toMatchObject({
      uid,
      memberId: 10,
      crosssellConfigId: 2,
      lease: { holder: HOLDER_A, since: expect.any(String), expiresAt: lease.expiresAt },
    });
  });
});
