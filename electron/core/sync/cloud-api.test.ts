import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAPIBackend, { type Document } from 'openapi-backend';
import { parse } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { sandboxControl } from './sync-test-support';

/**
 * Holds the sandbox's answers, and the requests the client sends, against cloud-api.yaml, so the
 * document is the contract both sides keep rather than a description that drifts.
 */

let sandbox: CloudSandbox;
let api: OpenAPIBackend;

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

beforeAll(async () => {
  const definition = parse(readFileSync(path.join(import.meta.dirname, 'cloud-api.yaml'), 'utf8')) as Document;
  api = new OpenAPIBackend({
    definition,
    // The definition checker bundled with openapi-backend knows only OpenAPI 3.0; the schemas
    // themselves compile and validate the same under 3.1, so skip that check and keep the rest.
    quick: true,
    customizeAjv: (ajv) => {
      ajv.addFormat('date-time', isoDateTime);
      ajv.addFormat('uuid', uuid);
      return ajv;
    },
  });
  await api.init();
  sandbox = await startCloudSandbox({ members: 300, orders: 1500 });
});
afterAll(() => sandbox.close());

interface Exchange {
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** For requests the document forbids: the check must catch them, and the error answer must still conform. */
  breaksContract?: boolean;
}

/** Sends a request the way the client does, checks it against the document, and returns the answer checked too. */
async function exchange(operationId: string, request: Exchange): Promise<{ status: number; body: unknown }> {
  const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  const { breaksContract, ...sent } = request;
  const requestCheck = api.validateRequest({ ...sent, headers, query: request.query ?? {} });
  if (breaksContract) expect(requestCheck.valid, `request ${operationId}`).toBe(false);
  else expect(requestCheck.errors ?? [], `request ${operationId}`).toEqual([]);
  const search = request.query ? `?${new URLSearchParams(request.query)}` : '';
  const response = await fetch(`${sandbox.url}${request.path}${search}`, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const body = (await response.json()) as unknown;
  const responseCheck = api.validateResponse(body, operationId, response.status);
  expect(responseCheck.errors ?? [], `response ${operationId} ${response.status}`).toEqual([]);
  return { status: response.status, body };
}

it('serves changes, mutations and leases as cloud-api.yaml says', async () => {
  const control = sandboxControl(sandbox);
  // Give the feed every kind of change: deletes and updates come from applied mutations.
  const first = await exchange('postMutations', {
    method: 'POST',
    path: '/v1/mutations',
    body: {
      operations: [
        { opId: '3f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'memberTag.add', payload: { memberId: 1, tagId: 24, source: 'manual', sourceDetail: '田中' } },
        { opId: '4f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'memberTag.remove', payload: { memberId: 1, tagId: 24, source: 'robot' } },
        { opId: '5f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'robot.runResult', payload: { requestId: 1, outcome: 'needs_manual', message: '顧客が見つかりません' } },
        { opId: '6f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'loc.setStatus', payload: { requestId: 1, status: 'done', completionStatus: '対応完了', note: '手動で対応', finishedBy: { kind: 'staff', name: '田中' } } },
        { opId: '7f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'usage.increment', payload: { period: '2025-06', count: 1 } },
      ],
    },
  });
  expect(first.status).toBe(200);
  expect((first.body as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
  await control.tap(2, 1);

  let since = 0;
  const seen = new Set<string>();
  for (;;) {
    const page = await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: String(since), limit: '500' } });
    expect(page.status).toBe(200);
    const body = page.body as { changes: Array<{ entity: string; op: string }>; next: number; hasMore: boolean };
    for (const change of body.changes) seen.add(`${change.entity} ${change.op}`);
    since = body.next;
    if (!body.hasMore) break;
  }
  expect([...seen].sort()).toEqual(
    [
      'member upsert', 'cart_customer upsert', 'product upsert', 'subscription upsert', 'order upsert', 'tag upsert',
      'member_tag upsert', 'member_tag delete', 'crosssell_config upsert', 'loc_request upsert',
    ].sort(),
  );

  const replay = await exchange('postMutations', {
    method: 'POST',
    path: '/v1/mutations',
    body: {
      operations: [
        { opId: '7f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'usage.increment', payload: { period: '2025-06', count: 1 } },
        { opId: '8f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'loc.setStatus', payload: { requestId: 1, status: 'queued' } },
        { opId: '9f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'loc.reopen', payload: { requestId: 1, reason: '誤って完了にした' } },
        { opId: 'af8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'loc.reopen', payload: { requestId: 1, reason: 'もう一度' } },
      ],
    },
  });
  expect((replay.body as { results: unknown[] }).results).toEqual([
    { opId: '7f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', status: 'duplicate' },
    { opId: '8f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', status: 'rejected', reason: 'LOC request 1 is already done and cannot move to "queued"', code: 'already_done' },
    { opId: '9f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', status: 'applied' },
    { opId: 'af8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', status: 'rejected', reason: 'LOC request 1 is "needs_manual", not done, so it cannot be reopened', code: 'not_done' },
  ]);
  expect(
    await exchange('postMutations', {
      method: 'POST',
      path: '/v1/mutations',
      body: { operations: [{ opId: 'bf8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f', kind: 'loc.reopen', payload: { requestId: 1, reason: '' } }] },
      breaksContract: true,
    }),
  ).toMatchObject({ status: 200 });

  const lease = await exchange('takeLease', { method: 'POST', path: '/v1/loc-requests/2/lease', body: { holder: 'pc-a', ttlSeconds: 60 } });
  expect(lease.status).toBe(200);
  const leaseId = (lease.body as { leaseId: string }).leaseId;
  expect((await exchange('takeLease', { method: 'POST', path: '/v1/loc-requests/2/lease', body: { holder: 'pc-b', ttlSeconds: 60 } })).status).toBe(409);
  expect((await exchange('renewLease', { method: 'POST', path: '/v1/loc-requests/2/lease/renew', body: { leaseId, ttlSeconds: 120 } })).status).toBe(200);
  expect((await exchange('renewLease', { method: 'POST', path: '/v1/loc-requests/2/lease/renew', body: { leaseId: 'nope', ttlSeconds: 120 } })).status).toBe(409);
  expect((await exchange('releaseLease', { method: 'POST', path: '/v1/loc-requests/2/lease/release', body: { leaseId } })).body).toEqual({ released: true });
  expect((await exchange('takeLease', { method: 'POST', path: '/v1/loc-requests/999999/lease', body: { holder: 'pc-a', ttlSeconds: 60 } })).status).toBe(404);
  expect((await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: '0', limit: '9999' }, breaksContract: true })).status).toBe(400);
});

it('creates, replaces and deletes cross-sell configs, answering the id they got', async () => {
  const config = {
    name: '化粧水クロスセル', cart: 'ecforce', cartLoginRef: 'ecforce-main', productName: '保湿化粧水 150mL', productCode: 'SKN-002',
    kind: 'single', memoWrites: [{ field: 'order_memo', text: '{カート顧客名}様 LINE経由' }], tagsAdd: [1], tagsRemove: [2],
    messageTemplate: '{カート顧客名}様、ありがとうございます', stopRunningSubscriptions: false,
  };
  const post = (operations: unknown[]) => exchange('postMutations', { method: 'POST', path: '/v1/mutations', body: { operations } });
  const results = (answer: { body: unknown }) => (answer.body as { results: Array<{ status: string; entityId?: number; reason?: string }> }).results;
  const head = sandbox.store.head();

  const created = results(await post([{ opId: 'a1b2c3d4-0000-4000-8000-000000000001', kind: 'crosssellConfig.save', payload: config }]));
  expect(created).toEqual([{ opId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'applied', entityId: expect.any(Number) }]);
  const id = created[0]!.entityId!;
  expect(sandbox.store.crosssellConfigs.get(id)).toMatchObject({ ...config, id });

  const replayed = results(await post([{ opId: 'a1b2c3d4-0000-4000-8000-000000000001', kind: 'crosssellConfig.save', payload: config }]));
  expect(replayed).toEqual([{ opId: 'a1b2c3d4-0000-4000-8000-000000000001', status: 'duplicate', entityId: id }]);

  const replaced = results(await post([
    { opId: 'a1b2c3d4-0000-4000-8000-000000000002', kind: 'crosssellConfig.save', payload: { ...config, id, name: '改名', cartLoginRef: null } },
    { opId: 'a1b2c3d4-0000-4000-8000-000000000003', kind: 'crosssellConfig.save', payload: { ...config, id: 999_999 } },
    { opId: 'a1b2c3d4-0000-4000-8000-000000000004', kind: 'crosssellConfig.save', payload: { ...config, tagsAdd: [999_999] } },
    { opId: 'a1b2c3d4-0000-4000-8000-000000000005', kind: 'crosssellConfig.save', payload: { ...config, tagsAdd: [2] } },
  ]));
  expect(replaced.map((r) => [r.status, r.entityId, r.reason])).toEqual([
    ['applied', id, undefined],
    ['rejected', undefined, 'unknown cross-sell config 999999'],
    ['rejected', undefined, 'unknown tag 999999'],
    ['rejected', undefined, 'tag 2 cannot be both added and removed'],
  ]);
  expect(sandbox.store.crosssellConfigs.get(id)).toMatchObject({ name: '改名', cartLoginRef: null });

  const busy = [...sandbox.store.locRequests.values()].find((r) => r.status !== 'done' && r.crosssellConfigId != null)!;
  const deleted = results(await post([
    { opId: 'a1b2c3d4-0000-4000-8000-000000000006', kind: 'crosssellConfig.delete', payload: { id } },
    { opId: 'a1b2c3d4-0000-4000-8000-000000000007', kind: 'crosssellConfig.delete', payload: { id } },
    { opId: 'a1b2c3d4-0000-4000-8000-000000000008', kind: 'crosssellConfig.delete', payload: { id: busy.crosssellConfigId } },
  ]));
  expect(deleted.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected']);
  expect(deleted[2]!.reason).toMatch(/LOC requests that are not done/);
  expect(sandbox.store.crosssellConfigs.has(id)).toBe(false);

  const page = await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: String(head), limit: '100' } });
  const feed = (page.body as { changes: Array<{ entity: string; op: string; data: { id: number } }> }).changes;
  expect(feed.map((c) => `${c.entity} ${c.op} ${c.data.id === id}`)).toEqual([
    'crosssell_config upsert true', 'crosssell_config upsert true', 'crosssell_config delete true',
  ]);
});

it('is strict enough to catch a change that breaks it', async () => {
  const { seq } = await sandboxControl(sandbox).corrupt('malformed');
  const response = await fetch(`${sandbox.url}/v1/changes?since=${seq - 1}&limit=1`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  const check = api.validateResponse(await response.json(), 'getChanges', 200);
  expect(check.valid).toBe(false);

  const t = '2026-12-03T09:00:00.000Z';
  const request = { id: 1, uid: 'c9a1e2f4-7b3d-4e5f-8a6b-0c1d2e3f4a5b', memberId: 1, kind: 'crosssell', status: 'new', requestedAt: t, updatedAt: t };
  const pageOf = (data: unknown) => ({ changes: [{ seq: 1, entity: 'loc_request', op: 'upsert', data }], next: 1, head: 1, hasMore: false });
  expect(api.validateResponse(pageOf({ ...request, lease: { holder: 'pc-a', since: t, expiresAt: t } }), 'getChanges', 200).errors ?? []).toEqual([]);
  const { uid: _uid, ...withoutUid } = request;
  expect(api.validateResponse(pageOf(withoutUid), 'getChanges', 200).valid).toBe(false);
  expect(api.validateResponse(pageOf({ ...request, uid: '12' }), 'getChanges', 200).valid).toBe(false);
  expect(api.validateResponse(pageOf({ ...request, lease: { holder: 'pc-a', expiresAt: t } }), 'getChanges', 200).valid).toBe(false);
});

it('creates, replaces and deletes tag rules, answering the id they got, and feeds them as the document says', async () => {
  const rule = {
    name: '化粧水の定期', tagId: 1, action: 'add', match: 'any',
    groups: [
      [{ kind: 'product', by: 'code', op: 'equals', value: 'SKN-002' }, { kind: 'subscriptionStatus', match: 'only', status: 'active' }],
      [{ kind: 'purchaseDate', op: 'withinDays', days: 30 }, { kind: 'purchaseCount', op: 'gte', value: 3 }, { kind: 'purchaseAmount', op: 'gte', value: 10000 }],
      [{ kind: 'purchaseDate', op: 'on', date: '2026-11-01' }, { kind: 'courseName', op: 'contains', value: '定期' }, { kind: 'operator' }],
      [{ kind: 'triggerTag', tagId: 2, has: false }, { kind: 'cartLinked' }, { kind: 'operator', name: '田中' }],
    ],
    enabled: true,
  };
  const post = (operations: unknown[], breaksContract = false) =>
    exchange('postMutations', { method: 'POST', path: '/v1/mutations', body: { operations }, breaksContract });
  const results = (answer: { body: unknown }) => (answer.body as { results: Array<{ status: string; entityId?: number; reason?: string }> }).results;
  const head = sandbox.store.head();

  const created = results(await post([{ opId: 'b1b2c3d4-0000-4000-8000-000000000001', kind: 'tagRule.save', payload: rule }]));
  expect(created).toEqual([{ opId: 'b1b2c3d4-0000-4000-8000-000000000001', status: 'applied', entityId: expect.any(Number) }]);
  const id = created[0]!.entityId!;
  const createdAt = sandbox.store.tagRules.get(id)!.createdAt;

  const replaced = results(await post([
    { opId: 'b1b2c3d4-0000-4000-8000-000000000002', kind: 'tagRule.save', payload: { ...rule, id, name: '改名', enabled: false } },
    { opId: 'b1b2c3d4-0000-4000-8000-000000000003', kind: 'tagRule.save', payload: { ...rule, id: 999_999 } },
    { opId: 'b1b2c3d4-0000-4000-8000-000000000004', kind: 'tagRule.save', payload: { ...rule, tagId: 999_999 } },
    { opId: 'b1b2c3d4-0000-4000-8000-000000000005', kind: 'tagRule.save', payload: { ...rule, groups: [[{ kind: 'triggerTag', tagId: 888_888 }]] } },
  ]));
  expect(replaced.map((r) => [r.status, r.entityId, r.reason])).toEqual([
    ['applied', id, undefined],
    ['rejected', undefined, 'unknown tag rule 999999'],
    ['rejected', undefined, 'unknown tag 999999'],
    ['rejected', undefined, 'unknown trigger tag 888888'],
  ]);
  expect(sandbox.store.tagRules.get(id)).toMatchObject({ name: '改名', enabled: false, createdAt });

  // The document refuses what the workstation's schema refuses: a condition of no known kind.
  const unknownKind = results(await post([{ opId: 'b1b2c3d4-0000-4000-8000-000000000006', kind: 'tagRule.save', payload: { ...rule, groups: [[{ kind: 'weather' }]] } }], true));
  expect(unknownKind[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^invalid payload: groups\.0\.0/) });

  const deleted = results(await post([
    { opId: 'b1b2c3d4-0000-4000-8000-000000000007', kind: 'tagRule.delete', payload: { id } },
    { opId: 'b1b2c3d4-0000-4000-8000-000000000008', kind: 'tagRule.delete', payload: { id } },
  ]));
  expect(deleted.map((r) => [r.status, r.entityId])).toEqual([['applied', id], ['rejected', undefined]]);

  const page = await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: String(head), limit: '100' } });
  const feed = (page.body as { changes: Array<{ entity: string; op: string; data: { id: number } }> }).changes;
  expect(feed.map((c) => `${c.entity} ${c.op} ${c.data.id === id}`)).toEqual(['tag_rule upsert true', 'tag_rule upsert true', 'tag_rule delete true']);
});

it("leases one of a member's requests at a time, carries the lease in the feed and lets only its holder change the request", async () => {
  const control = sandboxControl(sandbox);
  const memberId = 3;
  const first = await control.tap(memberId, 1);
  const second = await control.tap(memberId, 2);
  const head = sandbox.store.head();
  const take = (requestId: number, holder: string) =>
    exchange('takeLease', { method: 'POST', path: `/v1/loc-requests/${requestId}/lease`, body: { holder, ttlSeconds: 120 } });

  const lease = await take(first.id, 'pc-a#1a2b3c4d');
  expect(lease).toMatchObject({ status: 200, body: { holder: 'pc-a#1a2b3c4d', ttlSeconds: 120 } });
  const leaseId = (lease.body as { leaseId: string }).leaseId;
  for (const holder of ['pc-b#5e6f7a8b', 'pc-a#1a2b3c4d']) {
    const busy = await take(second.id, holder);
    expect(busy).toMatchObject({ status: 409, body: { code: 'member_busy' } });
    expect((busy.body as { message: string }).message).toContain(`LOC request ${first.id}`);
  }

  const post = (operations: unknown[]) => exchange('postMutations', { method: 'POST', path: '/v1/mutations', body: { operations } });
  const answered = await post([
    { opId: 'c1b2c3d4-0000-4000-8000-000000000001', kind: 'loc.setStatus', payload: { requestId: first.id, status: 'done', completionStatus: '受付断念' } },
    { opId: 'c1b2c3d4-0000-4000-8000-000000000002', kind: 'robot.runResult', payload: { requestId: first.id, outcome: 'done', message: null, leaseId } },
    { opId: 'c1b2c3d4-0000-4000-8000-000000000003', kind: 'loc.reopen', payload: { requestId: first.id, reason: 'やり直し', leaseId: null } },
  ]);
  const results = (answered.body as { results: Array<{ status: string; reason?: string }> }).results;
  expect(results.map((r) => r.status)).toEqual(['rejected', 'applied', 'rejected']);
  expect(results[0]!.reason).toMatch(new RegExp(`^LOC request ${first.id} is being worked by pc-a#1a2b3c4d since \\S+Z; only its holder may change it$`));

  expect(
    (await exchange('releaseLease', { method: 'POST', path: `/v1/loc-requests/${first.id}/lease/release`, body: { leaseId } })).body,
  ).toEqual({ released: true });
  expect(await take(second.id, 'pc-b#5e6f7a8b')).toMatchObject({ status: 200, body: { ttlSeconds: 120 } });

  const page = await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: String(head), limit: '100' } });
  const feed = (page.body as { changes: Array<{ entity: string; data: { id: number; uid: string; lease: { holder: string } | null } }> }).changes;
  expect(feed.map((c) => [c.data.id, c.data.lease?.holder ?? null])).toEqual([
    [first.id, 'pc-a#1a2b3c4d'],
    [first.id, 'pc-a#1a2b3c4d'],
    [first.id, null],
    [second.id, 'pc-b#5e6f7a8b'],
  ]);
  expect(new Set(feed.map((c) => c.data.uid)).size).toBe(2);
});

it('keeps a cross-sell config its repeat window', async () => {
  const config = {
    name: '美容液リピート', cart: 'ecforce', cartLoginRef: null, productName: '美容液 30mL', productCode: 'SKN-003', kind: 'single',
    memoWrites: [], tagsAdd: [], tagsRemove: [], messageTemplate: 'ありがとうございます', stopRunningSubscriptions: false, repeatWindowHours: 48,
  };
  const head = sandbox.store.head();
  const saved = await exchange('postMutations', {
    method: 'POST',
    path: '/v1/mutations',
    body: { operations: [{ opId: 'd1b2c3d4-0000-4000-8000-000000000001', kind: 'crosssellConfig.save', payload: config }] },
  });
  const id = (saved.body as { results: Array<{ entityId: number }> }).results[0]!.entityId;
  const page = await exchange('getChanges', { method: 'GET', path: '/v1/changes', query: { since: String(head), limit: '10' } });
  expect((page.body as { changes: Array<{ data: unknown }> }).changes.map((c) => c.data)).toEqual([expect.objectContaining({ id, repeatWindowHours: 48 })]);
  expect(
    await exchange('postMutations', {
      method: 'POST',
      path: '/v1/mutations',
      body: { operations: [{ opId: 'd1b2c3d4-0000-4000-8000-000000000002', kind: 'crosssellConfig.save', payload: { ...config, repeatWindowHours: 721 } }] },
      breaksContract: true,
    }),
  ).toMatchObject({ status: 200, body: { results: [{ status: 'rejected' }] } });
});

it('counts usage increments per day and answers any span of days, a replay counted once', async () => {
  const increment = (opId: string, day: string) => ({ opId, kind: 'usage.increment', payload: { period: day.slice(0, 7), day, count: 2 } });
  const operations = [increment('0d6f3a52-7b1e-4c1a-9f0e-3a4b5c6d7e01', '2031-03-14'), increment('0d6f3a52-7b1e-4c1a-9f0e-3a4b5c6d7e02', '2031-03-15')];
  expect((await exchange('postMutations', { method: 'POST', path: '/v1/mutations', body: { operations } })).status).toBe(200);
  const replay = await exchange('postMutations', { method: 'POST', path: '/v1/mutations', body: { operations: operations.slice(0, 1) } });
  expect(replay.body).toEqual({ results: [{ opId: operations[0]!.opId, status: 'duplicate' }] });
  const span = (from: string, to: string) => exchange('getUsage', { method: 'GET', path: '/v1/usage', query: { from, to } });
  expect((await span('2031-03-14', '2031-03-16')).body).toEqual({ from: '2031-03-14', to: '2031-03-16', successes: 4 });
  expect((await span('2031-03-15', '2031-04-15')).body).toMatchObject({ successes: 2 });
  expect((await span('2031-03-14', '2031-03-15')).body).toMatchObject({ successes: 2 });
  expect((await span('2031-03-16', '2031-03-14')).status).toBe(400);
  expect((await exchange('getUsage', { method: 'GET', path: '/v1/usage', query: { from: '2031-3-1', to: '2031-04-01' }, breaksContract: true })).status).toBe(400);
});
