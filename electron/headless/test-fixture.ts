import http, { type IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';
import { ApiError } from '../core/api/errors';
import { createApi, handler } from '../core/api/registry';
import { openDatabase } from '../core/db/open';
import { createEventBus, type EventBus } from '../core/events';
import type { SyncService, SyncStatus } from '../core/sync/types';
import { startHeadlessShell, type HeadlessShell, type HeadlessShellOptions } from './server';

/** A few real handlers, enough to see results, argument errors and handler errors cross the wire. */
const testHandlers = {
  'math.add': handler(z.object({ a: z.number(), b: z.number() }), (_ctx, { a, b }) => ({ sum: a + b })),
  'sync.status': handler(z.object({}), ({ sync }) => sync.status()),
  'events.ping': handler(z.object({ note: z.string().max(100) }), ({ events }, { note }) => {
    events.emit('sync.failed', { message: note });
    return { sent: true };
  }),
  'loc.claim': handler(z.object({ id: z.number().int().positive() }), (_ctx, { id }) => {
    throw new ApiError('conflict', `LOC request ${id} is leased by another workstation.`);
  }),
};

export const syncStatus: SyncStatus = {
  cursor: 42, lag: 3, pending: 1, rejected: [], quarantined: [], running: false,
  lastPullAt: '2026-11-23T00:00:00.000Z', lastPushAt: null, lastError: null, failure: null, health: 'behind',
};

const sync: SyncService = {
  status: () => syncStatus,
  now: async () => ({ pushed: 0, rejected: 0, applied: 0, quarantined: 0, cursor: 42 }),
};

export interface TestShell extends HeadlessShell {
  events: EventBus;
  logs: string[];
  origin: string;
}

export async function startTestShell(options: Partial<HeadlessShellOptions> = {}): Promise<TestShell> {
  const events = options.events ?? createEventBus();
  const db = openDatabase(':memory:', { quickCheck: false });
  const api = createApi(testHandlers, { db, clock: { now: () => new Date() }, events, sync }, () => {});
  const logs: string[] = [];
  const shell = await startHeadlessShell({ rendererDir: '/nonexistent/tanto-renderer', log: (l) => logs.push(l), ...options, api, events });
  return {
    ...shell,
    events,
    logs,
    origin: `http://127.0.0.1:${shell.port}`,
    close: async () => {
      await shell.close();
      db.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A request with full control of the headers, Host included (fetch does not allow setting
 * Host or Origin), and of the path, which is sent exactly as given.
 */
export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const headers = { host: `127.0.0.1:${port}`, ...options.headers };
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers, setHost: false, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // A server that refuses a large body may close before the client has finished sending it.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(options.body);
  });
}

export function callApi(port: number, token: string | null, envelope: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return request(port, {
    method: 'POST',
    path: '/api/call',
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...headers,
    },
    body: typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
  });
}
