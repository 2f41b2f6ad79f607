import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../db/open';

/** Helpers shared by the sync tests: real database files in a temp dir and the sandbox's control plane. */

export const tableOf = {
  member: 'members',
  cart_customer: 'cart_customers',
  product: 'products',
  subscription: 'subscriptions',
  order: 'orders',
  order_item: 'order_items',
  tag: 'tags',
  member_tag: 'member_tags',
  crosssell_config: 'crosssell_configs',
  loc_request: 'loc_requests',
  tag_rule: 'tag_rules',
} as const;

export type CountKey = keyof typeof tableOf;

const dataTables = [...Object.values(tableOf), 'member_tag_history'];

export interface TempDir {
  dir: string;
  file(name: string): string;
  open(name?: string): Db;
  remove(): void;
}

export function tempDir(prefix = 'tanto-sync-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const opened: Db[] = [];
  return {
    dir,
    file: (name) => path.join(dir, name),
    open(name = 'replica.sqlite') {
      const db = openDatabase(path.join(dir, name));
      opened.push(db);
      return db;
    },
    remove() {
      for (const db of opened) if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function localCounts(db: Db): Record<CountKey, number> {
  return Object.fromEntries(
    Object.entries(tableOf).map(([key, table]) => [key, db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number]),
  ) as Record<CountKey, number>;
}

/** A digest of every server-state row, so "nothing changed" can be checked without trusting counts. */
export function contentHash(db: Db): string {
  const hash = createHash('sha256');
  for (const table of dataTables) {
    hash.update(`#${table}\n`);
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export interface Inspection {
  counts: Record<CountKey, number>;
  head: number;
  mutations: {
    received: number;
    applied: number;
    duplicate: number;
    rejected: number;
    log: Array<{ opId: string; kind: string; status: string; reason?: string }>;
  };
  leases: Array<{ requestId: number; leaseId: string; holder: string; expiresAt: string; expired: boolean }>;
  usage: Record<string, number>;
}

export function sandboxControl(sandbox: { url: string; token: string }) {
  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${sandbox.url}${route}`, {
      method,
      headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${route}: HTTP ${response.status} ${await response.text()}`);
    return response.json() as Promise<unknown>;
  };
  return {
    inspect: () => call('GET', '/_sandbox/inspect') as Promise<Inspection>,
    faults: (patch: Record<string, unknown>) => call('POST', '/_sandbox/faults', patch),
    corrupt: (kind: 'malformed' | 'orphan' | 'unknown_entity') => call('POST', '/_sandbox/corrupt', { kind }) as Promise<{ seq: number }>,
    tap: (memberId: number, crosssellConfigId: number) =>
      call('POST', '/_sandbox/tap', { memberId, crosssellConfigId }) as Promise<{ id: number }>,
    advanceClock: (advanceSeconds: number) => call('POST', '/_sandbox/clock', { advanceSeconds }),
  };
}

export interface ScriptedCloud {
  url: string;
  token: string;
  /** The feed as the cloud holds it; tests append to it (an operation's echo, new data). */
  feed: Array<{ seq: number; entity: string; op: 'upsert' | 'delete'; data: unknown }>;
  requests: { changes: number; mutations: number };
  /** When set, every /v1 request is answered with this status. */
  failWith: number | null;
  close(): Promise<void>;
}

export interface ScriptedCloudOptions {
  feed?: ScriptedCloud['feed'];
  /** The answer to POST /v1/mutations; every operation applied unless given. */
  answer?: (operations: Array<{ opId: string; kind: string; payload: unknown }>, cloud: ScriptedCloud) => { status: number; body: unknown };
}

/** A cloud on 127.0.0.1 (a port chosen at run time) whose feed and answers the test writes. */
export async function startScriptedCloud(options: ScriptedCloudOptions = {}): Promise<ScriptedCloud> {
  const token = 'scripted-token';
  const sockets = new Set<Socket>();
  const cloud: ScriptedCloud = {
    url: '',
    token,
    feed: options.feed ?? [],
    requests: { changes: 0, mutations: 0 },
    failWith: null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { code: 'unauthorized', message: 'missing or invalid bearer token' });
      if (url.pathname === '/v1/changes') cloud.requests.changes += 1;
      if (url.pathname === '/v1/mutations') cloud.requests.mutations += 1;
      if (cloud.failWith !== null) return send(res, cloud.failWith, { code: 'unavailable', message: 'scripted failure' });
      if (req.method === 'GET' && url.pathname === '/v1/changes') {
        const since = Number(url.searchParams.get('since'));
        const limit = Number(url.searchParams.get('limit'));
        const after = cloud.feed.filter((c) => c.seq > since);
        const changes = after.slice(0, limit);
        const head = cloud.feed.at(-1)?.seq ?? 0;
        return send(res, 200, { changes, next: changes.at(-1)?.seq ?? since, head, hasMore: after.length > changes.length });
      }
      if (req.method === 'POST' && url.pathname === '/v1/mutations') {
        const { operations } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { operations: Array<{ opId: string; kind: string; payload: unknown }> };
        const answer = options.answer?.(operations, cloud) ?? { status: 200, body: { results: operations.map((op) => ({ opId: op.opId, status: 'applied' })) } };
        return send(res, answer.status, answer.body);
      }
      send(res, 404, { code: 'not_found', message: `no route for ${req.method} ${url.pathname}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  cloud.url = `http://127.0.0.1:${address.port}`;
  return cloud;
}
