import { randomUUID } from 'node:crypto';
import type { Lease } from '../../electron/core/sync/mutation-schemas';
import type { CloudStore, LeaseRecord } from './store';

export type LeaseOutcome = { ok: true; lease: Lease } | { ok: false; status: 404 | 409; code: string; message: string };

/**
 * One holder per LOC request at a time. A lease that has expired is free for anyone; the same
 * holder asking again gets its lease back, so a workstation that restarts mid-request resumes.
 * A request that is done is never leased again: whoever finished it reported so before letting go.
 */
export function takeLease(store: CloudStore, requestId: number, holder: string, ttlSeconds: number): LeaseOutcome {
  const request = store.locRequests.get(requestId);
  if (!request) return notFound(requestId);
  if (request.status === 'done') {
    return { ok: false, status: 409, code: 'already_done', message: `LOC request ${requestId} is already done; there is nothing left to work on` };
  }
  const now = store.clock.now().getTime();
  const current = live(store, requestId, now);
  if (current && current.holder !== holder) {
    return {
      ok: false,
      status: 409,
      code: 'lease_held',
      message: `LOC request ${requestId} is leased by ${current.holder} until ${new Date(current.expiresAt).toISOString()}`,
    };
  }
  const record: LeaseRecord = {
    requestId,
    leaseId: current?.leaseId ?? randomUUID(),
    holder,
    expiresAt: now + ttlSeconds * 1000,
  };
  store.leases.set(requestId, record);
  return { ok: true, lease: view(record) };
}

export function renewLease(store: CloudStore, requestId: number, leaseId: string, ttlSeconds: number): LeaseOutcome {
  if (!store.locRequests.has(requestId)) return notFound(requestId);
  const now = store.clock.now().getTime();
  const current = live(store, requestId, now);
  if (!current || current.leaseId !== leaseId) {
    return { ok: false, status: 409, code: 'lease_lost', message: `lease ${leaseId} on LOC request ${requestId} has expired or was taken` };
  }
  current.expiresAt = now + ttlSeconds * 1000;
  return { ok: true, lease: view(current) };
}

/** Releasing is idempotent: a lease already gone (or someone else's) is left alone and reported. */
export function releaseLease(store: CloudStore, requestId: number, leaseId: string): { released: boolean } | LeaseOutcome {
  if (!store.locRequests.has(requestId)) return notFound(requestId);
  const current = store.leases.get(requestId);
  if (!current || current.leaseId !== leaseId) return { released: false };
  store.leases.delete(requestId);
  return { released: true };
}

export function listLeases(store: CloudStore): Array<Lease & { requestId: number; expired: boolean }> {
  const now = store.clock.now().getTime();
  return [...store.leases.values()].map((l) => ({ requestId: l.requestId, ...view(l), expired: l.expiresAt <= now }));
}

function live(store: CloudStore, requestId: number, now: number): LeaseRecord | undefined {
  const current = store.leases.get(requestId);
  return current && current.expiresAt > now ? current : undefined;
}

function view(record: LeaseRecord): Lease {
  return { leaseId: record.leaseId, holder: record.holder, expiresAt: new Date(record.expiresAt).toISOString() };
}

function notFound(requestId: number): LeaseOutcome {
  return { ok: false, status: 404, code: 'not_found', message: `unknown LOC request ${requestId}` };
}
