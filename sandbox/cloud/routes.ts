import type http from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Faults } from '../shared/faults';
import { readJson, sendJson } from '../shared/http';
import { takeLease, renewLease, releaseLease, listLeases, leaseData, type LeaseOutcome } from './leases';
import { applyMutation } from './mutations';
import type { CloudStore } from './store';
import { usageBetween, usageSpanProblem } from './usage';

export const MAX_PAGE = 5000;
export const DEFAULT_PAGE = 1000;
export const MAX_OPERATIONS = 500;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const mutationsBody = z.object({
  operations: z
    .array(z.object({ opId: z.uuid(), kind: z.string().min(1), payload: z.unknown() }))
    .min(1)
    .max(MAX_OPERATIONS),
});
const ttl = z.number().int().min(1).max(3600);
const leaseBody = z.object({ holder: z.string().min(1).max(200), ttlSeconds: ttl });
const renewBody = z.object({ leaseId: z.string().min(1), ttlSeconds: ttl });
const releaseBody = z.object({ leaseId: z.string().min(1) });
const faultsBody = z.object({
  reset: z.boolean().optional(),
  latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  outage: z.boolean().optional(),
  outageAfterRequests: z.number().int().min(0).nullable().optional(),
});
const tapBody = z.object({ memberId: z.number().int(), crosssellConfigId: z.number().int() });
const corruptBody = z.object({ kind: z.enum(['malformed', 'orphan', 'unknown_entity']).default('malformed') }).default({ kind: 'malformed' });
const clockBody = z.object({ advanceSeconds: z.number() });

export interface RouteContext {
  store: CloudStore;
  faults: Faults;
  token: string;
}

/** The whole HTTP surface: /v1 as cloud-api.yaml documents it, /_sandbox for tests and the demo. */
export function createCloudHandler(ctx: RouteContext): http.RequestListener {
  const expected = Buffer.from(`Bearer ${ctx.token}`);
  return (req, res) => {
    handle(ctx, expected, req, res).catch((error: unknown) => {
      if (res.headersSent) return res.destroy();
      if (error instanceof HttpError) return sendJson(res, error.status, { code: error.code, message: error.message });
      sendJson(res, 500, { code: 'internal', message: (error as Error).message });
    });
  };
}

async function handle(ctx: RouteContext, expected: Buffer, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path.startsWith('/v1/') && (await ctx.faults.apply(res))) return;
  const given = Buffer.from(req.headers.authorization ?? '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new HttpError(401, 'unauthorized', 'missing or invalid bearer token');
  }

  if (method === 'GET' && path === '/v1/changes') return sendJson(res, 200, changes(ctx.store, url.searchParams));
  if (method === 'GET' && path === '/v1/usage') return sendJson(res, 200, usage(ctx.store, url.searchParams));
  if (method === 'POST' && path === '/v1/mutations') {
    const body = await parseBody(req, mutationsBody);
    return sendJson(res, 200, { results: body.operations.map((op) => applyMutation(ctx.store, op)) });
  }
  const lease = /^\/v1\/loc-requests\/(\d+)\/lease(\/renew|\/release)?$/.exec(path);
  if (method === 'POST' && lease) {
    const requestId = Number(lease[1]);
    if (lease[2] === '/renew') {
      const body = await parseBody(req, renewBody);
      return sendLease(res, renewLease(ctx.store, requestId, body.leaseId, body.ttlSeconds));
    }
    if (lease[2] === '/release') {
      const body = await parseBody(req, releaseBody);
      const outcome = releaseLease(ctx.store, requestId, body.leaseId);
      return 'released' in outcome ? sendJson(res, 200, outcome) : sendLease(res, outcome);
    }
    const body = await parseBody(req, leaseBody);
    return sendLease(res, takeLease(ctx.store, requestId, body.holder, body.ttlSeconds));
  }

  if (path.startsWith('/_sandbox/')) return sandboxRoute(ctx, method, path, req, res);
  throw new HttpError(404, 'not_found', `no route for ${method} ${path}`);
}

function changes(store: CloudStore, query: URLSearchParams) {
  const since = integerParam(query, 'since', 0);
  const limit = integerParam(query, 'limit', DEFAULT_PAGE);
  if (since < 0) throw new HttpError(400, 'invalid_argument', 'since must be a non-negative integer');
  if (limit < 1 || limit > MAX_PAGE) throw new HttpError(400, 'invalid_argument', `limit must be between 1 and ${MAX_PAGE}`);
  if (since > store.head()) {
    throw new HttpError(400, 'cursor_ahead', `cursor ${since} is ahead of this shop's feed (head ${store.head()}); resync from 0`);
  }
  return store.changesSince(since, limit);
}

function usage(store: CloudStore, query: URLSearchParams) {
  const from = query.get('from');
  const to = query.get('to');
  const problem = usageSpanProblem(from, to);
  if (problem || !from || !to) throw new HttpError(400, 'invalid_argument', problem ?? 'from and to are required');
  return { from, to, successes: usageBetween(store, from, to) };
}

async function sandboxRoute(ctx: RouteContext, method: string, path: string, req: http.IncomingMessage, res: http.ServerResponse) {
  const { store, faults } = ctx;
  if (method === 'GET' && path === '/_sandbox/inspect') return sendJson(res, 200, inspect(ctx));
  if (method === 'GET' && path === '/_sandbox/faults') return sendJson(res, 200, faults.settings());
  if (method === 'POST' && path === '/_sandbox/faults') {
    const { reset, ...patch } = await parseBody(req, faultsBody);
    if (reset) faults.reset();
    return sendJson(res, 200, faults.set(patch));
  }
  if (method === 'POST' && path === '/_sandbox/clock') {
    const body = await parseBody(req, clockBody);
    store.clock.advance(body.advanceSeconds);
    return sendJson(res, 200, { now: store.clock.now().toISOString() });
  }
  if (method === 'POST' && path === '/_sandbox/tap') {
    const body = await parseBody(req, tapBody);
    if (!store.members.has(body.memberId)) throw new HttpError(404, 'not_found', `unknown member ${body.memberId}`);
    if (!store.crosssellConfigs.has(body.crosssellConfigId)) {
      throw new HttpError(404, 'not_found', `unknown cross-sell config ${body.crosssellConfigId}`);
    }
    const now = store.clock.now().toISOString();
    const request = {
      id: store.nextId('loc_request'),
      uid: randomUUID(),
      memberId: body.memberId,
      kind: 'crosssell' as const,
      crosssellConfigId: body.crosssellConfigId,
      status: 'new' as const,
      completionStatus: null,
      note: null,
      robotResult: null,
      lease: null,
      finishedBy: null,
      requestedAt: now,
      completedAt: null,
      updatedAt: now,
    };
    store.upsert('loc_request', request);
    return sendJson(res, 201, request);
  }
  if (method === 'POST' && path === '/_sandbox/corrupt') {
    const { kind } = await parseBody(req, corruptBody);
    const change =
      kind === 'orphan'
        ? store.appendRaw('cart_customer', 'upsert', {
            id: 900_000_000 + store.head(),
            memberId: 999_999_999,
            cart: 'ecforce',
            customerNumber: `ORPHAN-${store.head()}`,
            updatedAt: store.clock.now().toISOString(),
          })
        : kind === 'unknown_entity'
          ? store.appendRaw('coupon', 'upsert', { id: 1, code: 'SPRING' })
          : store.appendRaw('member', 'upsert', { id: 'not-a-number', displayName: 42 });
    return sendJson(res, 201, change);
  }
  throw new HttpError(404, 'not_found', `no route for ${method} ${path}`);
}

function inspect({ store, faults }: RouteContext) {
  const tally = { applied: 0, duplicate: 0, rejected: 0 };
  for (const m of store.mutations) tally[m.status] += 1;
  return {
    counts: store.counts(),
    head: store.head(),
    mutations: { received: store.mutations.length, ...tally, log: store.mutations },
    leases: listLeases(store),
    usage: Object.fromEntries(store.usage),
    usageByDay: Object.fromEntries(store.usageByDay),
    locRequests: [...store.locRequests.values()].map((r) => ({
      id: r.id,
      uid: r.uid,
      memberId: r.memberId,
      crosssellConfigId: r.crosssellConfigId ?? null,
      lineUserId: store.members.get(r.memberId)?.lineUserId ?? null,
      status: r.status,
      completionStatus: r.completionStatus ?? null,
      finishedBy: r.finishedBy ?? null,
      robotResult: r.robotResult ?? null,
      lease: leaseData(store, r.id),
    })),
    memberTags: [...store.memberTags.values()].map((t) => ({ memberId: t.memberId, tagId: t.tagId, source: t.source })),
    faults: faults.settings(),
    now: store.clock.now().toISOString(),
  };
}

function sendLease(res: http.ServerResponse, outcome: LeaseOutcome): void {
  if (outcome.ok) return sendJson(res, 200, outcome.lease);
  sendJson(res, outcome.status, { code: outcome.code, message: outcome.message });
}

async function parseBody<S extends z.ZodType>(req: http.IncomingMessage, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    throw new HttpError(400, 'invalid_request', 'request body is not JSON');
  }
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'invalid_request', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'invalid body');
  }
  return parsed.data;
}

function integerParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw new HttpError(400, 'invalid_argument', `${name} must be an integer`);
  return Number(raw);
}
