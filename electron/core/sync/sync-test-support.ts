import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
