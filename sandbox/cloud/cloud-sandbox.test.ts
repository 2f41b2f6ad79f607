import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloudError, createCloudClient } from '../../electron/core/sync/cloud-client';
import { changesOf, generateDemoShop } from './seed';
import { startCloudSandbox, type CloudSandbox } from './server';

let sandbox: CloudSandbox;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 300, orders: 1500, random: () => 0.5 });
});
afterEach(() => sandbox.faults.reset());
afterAll(() => sandbox.close());

const get = (path: string, token: string | null = sandbox.token) =>
  fetch(`${sandbox.url}${path}`, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
const post = (path: string, body: unknown) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the cloud sandbox', () => {
  it('refuses every route without the bearer token', async () => {
    for (const path of ['/v1/changes', '/_sandbox/inspect']) {
      for (const token of [null, 'wrong']) {
        const response = await get(path, token);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ code: 'unauthorized', message: 'missing or invalid bearer token' });
      }
    }
    const client = createCloudClient({ baseUrl: sandbox.url, token: 'not-the-token' });
    const error = await client.getChanges(0, 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudError);
    expect(error).toMatchObject({ kind: 'permanent', status: 401, code: 'unauthorized' });
    expect((error as Error).message).not.toContain('not-the-token');
  });

  it('serves the feed in pages with a cursor and checks its parameters', async () => {
    const head = sandbox.store.head();
    const first = (await (await get('/v1/changes?since=0&limit=100')).json()) as { changes: Array<{ seq: number }>; next: number; head: number; hasMore: boolean };
    expect(first.changes.map((c) => c.seq)).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    expect(first).toMatchObject({ next: 100, head, hasMore: true });
    const last = (await (await get(`/v1/changes?since=${head - 5}&limit=5000`)).json()) as { changes: unknown[]; hasMore: boolean; next: number };
    expect(last).toMatchObject({ next: head, hasMore: false });
    expect(last.changes).toHaveLength(5);
    expect((await get('/v1/changes?limit=5001')).status).toBe(400);
    expect((await get('/v1/changes?since=abc')).status).toBe(400);
    const ahead = await get(`/v1/changes?since=${head + 1}`);
    expect(ahead.status).toBe(400);
    expect(await ahead.json()).toMatchObject({ code: 'cursor_ahead' });
  });

  it('injects an outage after a number of requests, while its control routes stay reachable', async () => {
    expect((await post('/_sandbox/faults', { outageAfterRequests: 2 })).status).toBe(200);
    expect((await get('/v1/changes?limit=1')).status).toBe(200);
    expect((await get('/v1/changes?limit=1')).status).toBe(200);
    expect((await get('/v1/changes?limit=1')).status).toBe(503);
    expect((await get('/_sandbox/inspect')).status).toBe(200);
    expect((await post('/_sandbox/faults', { reset: true })).status).toBe(200);
    expect((await get('/v1/changes?limit=1')).status).toBe(200);
  });

  it('injects errors at the configured rate, which the client reports as transient', async () => {
    await post('/_sandbox/faults', { errorRate: 1 });
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    await expect(client.getChanges(0, 1)).rejects.toMatchObject({ kind: 'transient', status: 500 });
    await post('/_sandbox/faults', { errorRate: 0.4 });
    // The sandbox's randomness is fixed at 0.5 here, above the rate: nothing fails.
    await expect(client.getChanges(0, 1)).resolves.toMatchObject({ next: 1 });
  });

  it('adds latency when asked', async () => {
    await post('/_sandbox/faults', { latencyMs: { min: 120, max: 120 } });
    const started = performance.now();
    expect((await get('/v1/changes?limit=1')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('answers a replayed operation as a duplicate and a refused one as rejected, both with 200', async () => {
    const opId = '7d1f5b2e-3c4a-4e8b-9f60-1a2b3c4d5e6f';
    const op = { opId, kind: 'usage.increment', payload: { period: '2025-06', count: 3 } };
    const bad = { opId: '0b8e2a4c-6d1f-4a3b-8c5d-9e7f6a5b4c3d', kind: 'loc.fly', payload: {} };
    const first = await post('/v1/mutations', { operations: [op, bad] });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({
      results: [
        { opId, status: 'applied' },
        { opId: bad.opId, status: 'rejected', reason: 'unknown operation kind "loc.fly"', code: 'unknown_kind' },
      ],
    });
    const replay = (await (await post('/v1/mutations', { operations: [op, bad] })).json()) as { results: unknown[] };
    expect(replay.results).toEqual([
      { opId, status: 'duplicate' },
      { opId: bad.opId, status: 'rejected', reason: 'unknown operation kind "loc.fly"', code: 'unknown_kind' },
    ]);
    expect(sandbox.store.usage.get('2025-06')).toBe(3);
    expect((await post('/v1/mutations', { operations: [] })).status).toBe(400);
  });

  it('turns a tap into a new LOC request at the end of the feed', async () => {
    const head = sandbox.store.head();
    const response = await post('/_sandbox/tap', { memberId: 5, crosssellConfigId: 1 });
    expect(response.status).toBe(201);
    const request = (await response.json()) as { id: number; uid: string };
    expect(request.uid).toMatch(uuid);
    expect(sandbox.store.head()).toBe(head + 1);
    expect(sandbox.store.changesSince(head, 1).changes[0]).toMatchObject({
      entity: 'loc_request',
      op: 'upsert',
      data: { id: request.id, uid: request.uid, memberId: 5, status: 'new', lease: null },
    });
    const again = (await (await post('/_sandbox/tap', { memberId: 5, crosssellConfigId: 1 })).json()) as { uid: string };
    expect(again.uid).toMatch(uuid);
    expect(again.uid).not.toBe(request.uid);
    const seeded = [...sandbox.store.locRequests.values()].map((r) => r.uid);
    expect(seeded.every((uid) => uuid.test(uid))).toBe(true);
    expect(new Set(seeded).size).toBe(seeded.length);
    expect((await post('/_sandbox/tap', { memberId: 999_999, crosssellConfigId: 1 })).status).toBe(404);
  });
});

describe('the demo shop generator', () => {
  it('is deterministic for a seed and different across seeds, but for the uids each cloud issues itself', () => {
    let n = 0;
    const counting = () => `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`;
    const a = generateDemoShop({ members: 200, orders: 800, seed: 1, uid: counting });
    n = 0;
    expect(JSON.stringify(generateDemoShop({ members: 200, orders: 800, seed: 1, uid: counting }))).toBe(JSON.stringify(a));
    n = 0;
    expect(JSON.stringify(generateDemoShop({ members: 200, orders: 800, seed: 2, uid: counting }))).not.toBe(JSON.stringify(a));

    const uids = (shop: ReturnType<typeof generateDemoShop>) => shop.locRequests.map((r) => r.uid);
    const first = uids(generateDemoShop({ members: 200, orders: 800, seed: 1 }));
    const second = uids(generateDemoShop({ members: 200, orders: 800, seed: 1 }));
    expect(first.every((uid) => uuid.test(uid))).toBe(true);
    expect(new Set([...first, ...second]).size).toBe(first.length * 2);
  });

  it('makes a shop with the requested size and the variety the product has to cope with', () => {
    const shop = generateDemoShop({ members: 1000, orders: 5000 });
    expect(shop.members).toHaveLength(1000);
    expect(shop.orders).toHaveLength(5000);
    expect(shop.members.some((m) => /\p{Extended_Pictographic}/u.test(m.displayName))).toBe(true);
    expect(shop.members.some((m) => /[Ａ-Ｚ]/.test(m.displayName))).toBe(true);
    expect(shop.members.some((m) => m.phone?.includes('-'))).toBe(true);
    const links = new Map<number, number>();
    for (const c of shop.cartCustomers) links.set(c.memberId, (links.get(c.memberId) ?? 0) + 1);
    expect(Math.max(...links.values())).toBe(3);
    expect(links.size).toBeLessThan(1000);
    expect(new Set(shop.subscriptions.map((s) => s.status))).toEqual(new Set(['active', 'paused', 'stopped']));
    expect(shop.orders.some((o) => o.parentOrderId !== null)).toBe(true);
    expect(new Set(shop.products.map((p) => p.kind))).toEqual(new Set(['single', 'subscription']));
    expect(shop.crosssellConfigs.length).toBeGreaterThanOrEqual(2);
    expect(shop.locRequests.length).toBeGreaterThan(0);
    expect(shop.memberTags.length).toBeGreaterThan(0);
  });

  it('orders the feed so that every reference points backwards', () => {
    const seen = new Set<string>();
    for (const change of changesOf(generateDemoShop({ members: 300, orders: 1500 }))) {
      const d = change.data as unknown as Record<string, number | null | undefined>;
      const refs: Array<[string, number | null | undefined]> = [
        ['member', d.memberId],
        ['cart_customer', d.cartCustomerId],
        ['subscription', d.subscriptionId],
        ['order', d.parentOrderId],
        ['tag', d.tagId],
        ['crosssell_config', d.crosssellConfigId],
      ];
      for (const [entity, id] of refs) if (id !== undefined && id !== null) expect(seen.has(`${entity}:${id}`)).toBe(true);
      if ('id' in change.data) seen.add(`${change.entity}:${change.data.id}`);
    }
  });

  it('seeds 10,000 members and 50,000 orders', async () => {
    const big = await startCloudSandbox({ members: 10_000, orders: 50_000 });
    await big.close();
    expect(big.store.counts()).toMatchObject({ member: 10_000, order: 50_000 });
  });
});
