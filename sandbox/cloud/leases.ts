import { randomUUID } from 'node:crypto';
import type { LocRequestData } from '../../electron/core/sync/change-schemas';
import type { Lease } from '../../electron/core/sync/mutation-schemas';
import type { CloudStore, LeaseRecord } from './store';

export type LeaseOutcome = { ok: true; lease: Lease } | { ok: false; status: 404 | 409; code: string; message: string };

/**
 * One holder per LOC request at a time, and one leased request per member at a time. A lease
 * that has expired is free for anyone; the same holder asking again gets its lease back, so a
 * workstation that restarts mid-request resumes. A request that is done is never leased again:
 * whoever finished it reported so before letting go.
 */
export function takeLease(store: CloudStore, requestId: number, holder: string, ttlSeconds: number): LeaseOutcome {
  const request = store.locRequests.get(requestId);
  if (!request) return notFound(requestId);
  if (request.status === 'done') {
    return { ok: false, status: 409, code: 'already_done', message: `LOC request ${requestId} is already done; there is nothing left to work on` };
  }
  const now = store.clock.now().getTime();
  const current = liveLease(store, requestId, now);
  if (current && current.holder !== holder) {
    return {
      ok: false,
      status: 409,
      code: 'lease_held',
      message: `LOC request ${requestId} is leased by ${current.holder} until ${iso(current.expiresAt)}`,
    };
  }
  // Two taps, two configs or two workstations: one member's requests are worked one after another,
  // even by one holder, so a repeat tap is decided once and never ordered twice.
  const sibling = liveSiblingLease(store, request, now);
  if (sibling) {
    return {
      ok: false,
      status: 409,
      code: 'member_busy',
      message:
        `member ${request.memberId} has LOC request ${sibling.requestId} leased by ${sibling.holder} until ${iso(sibling.expiresAt)}; ` +
        `one member's requests are worked one at a time`,
    };
  }
  const granted = grantedSeconds(store, ttlSeconds);
  const record: LeaseRecord = {
    requestId,
    leaseId: current?.leaseId ?? randomUUID(),
    holder,
    since: current?.since ?? now,
    expiresAt: now + granted * 1000,
    ttlSeconds: granted,
  };
  store.leases.set(requestId, record);
  announce(store, request, now);
  return { ok: true, lease: view(store, record) };
}

export function renewLease(store: CloudStore, requestId: number, leaseId: string, ttlSeconds: number): LeaseOutcome {
  const request = store.locRequests.get(requestId);
  if (!request) return notFound(requestId);
  const now = store.clock.now().getTime();
  const current = liveLease(store, requestId, now);
  if (!current || current.leaseId !== leaseId) {
    return { ok: false, status: 409, code: 'lease_lost', message: `lease ${leaseId} on LOC request ${requestId} has expired or was taken` };
  }
  current.ttlSeconds = grantedSeconds(store, ttlSeconds);
  current.expiresAt = now + current.ttlSeconds * 1000;
  announce(store, request, now);
  return { ok: true, lease: view(store, current) };
}

/** Releasing is idempotent: a lease already gone (or someone else's) is left alone and reported. */
export function releaseLease(store: CloudStore, requestId: number, leaseId: string): { released: boolean } | LeaseOutcome {
  const request = store.locRequests.get(requestId);
  if (!request) return notFound(requestId);
  const current = store.leases.get(requestId);
  if (!current || current.leaseId !== leaseId) return { released: false };
  store.leases.delete(requestId);
  announce(store, request, store.clock.now().getTime());
  return { released: true };
}

export function listLeases(store: CloudStore): Array<Omit<Lease, 'ttlSeconds' | 'requestUid'> & { requestId: number; expired: boolean }> {
  const now = store.clock.now().getTime();
  return [...store.leases.values()].map((l) => ({
    requestId: l.requestId,
    leaseId: l.leaseId,
    holder: l.holder,
    expiresAt: iso(l.expiresAt),
    expired: l.expiresAt <= now,
  }));
}

export function liveLease(store: CloudStore, requestId: number, now = store.clock.now().getTime()): LeaseRecord | undefined {
  const current = store.leases.get(requestId);
  return current && current.expiresAt > now ? current : undefined;
}

/** The request's lease as the feed carries it: null once it is released or has expired. */
export function leaseData(store: CloudStore, requestId: number, now = store.clock.now().getTime()): NonNullable<LocRequestData['lease']> | null {
  const current = liveLease(store, requestId, now);
  return current ? { holder: current.holder, since: iso(current.since), expiresAt: iso(current.expiresAt) } : null;
}

/** One change per take, renewal or release, so each workstation learns who holds the request. */
function announce(store: CloudStore, request: LocRequestData, now: number): void {
  store.upsert('loc_request', { ...request, lease: leaseData(store, request.id, now), updatedAt: iso(now) });
}

function liveSiblingLease(store: CloudStore, request: LocRequestData, now: number): LeaseRecord | undefined {
  for (const lease of store.leases.values()) {
    if (lease.requestId === request.id || lease.expiresAt <= now) continue;
    if (store.locRequests.get(lease.requestId)?.memberId === request.memberId) return lease;
  }
  return undefined;
}

function grantedSeconds(store: CloudStore, asked: number): number {
  return Math.max(1, Math.min(asked, store.maxLeaseSeconds));
}

function view(store: CloudStore, record: LeaseRecord): Lease {
  const requestUid = store.locRequests.get(record.requestId)?.uid ?? '';
  return { leaseId: record.leaseId, holder: record.holder, expiresAt: iso(record.expiresAt), ttlSeconds: record.ttlSeconds, requestUid };
}

const iso = (ms: number) => new Date(ms).toISOString();

function notFound(requestId: number): LeaseOutcome {
  return { ok: false, status: 404, code: 'not_found', message: `unknown LOC request ${requestId}` };
}
