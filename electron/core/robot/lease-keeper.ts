import type { Clock } from '../clock';
import { coreReasons } from '../loc/reasons';
import type { CloudClient } from '../sync/cloud-client';
import { LeaseLostError } from './robot-error';

export interface HeldLease {
  readonly leaseId: string;
  /** The leased request's uid, as the cloud names it. */
  readonly requestUid: string;
  /** Throws LeaseLostError once the lease cannot be trusted: refused by the cloud, or past its local deadline. */
  assert(): void;
  /** Stops renewing and gives the lease back (best effort: an unreachable cloud lets it expire). */
  release(): Promise<void>;
  /** Stops renewing and keeps the lease until it expires, e.g. while results are still unsent. */
  abandon(): void;
}

export interface LeaseClocks {
  /** Milliseconds that only ever go forward (performance.now): a wall clock set back cannot extend a lease. */
  monotonic: () => number;
  /**
   * The wall clock. Checked too because a monotonic clock may stand still while the PC sleeps
   * (Linux's CLOCK_MONOTONIC does), while the cloud's lease runs out all the same.
   */
  wall: Clock;
}

export interface Grant {
  leaseId: string;
  ttlSeconds: number;
  requestUid: string;
}

/** The part of a lease's lifetime not trusted: the answer's travel time and the cloud's clock being ahead. */
export function leaseMarginMs(ttlSeconds: number): number {
  return Math.max(1000, ttlSeconds * 100);
}

/**
 * Keeps a cloud lease while a request is worked. The lease is trusted until its local deadline:
 * the moment the last granted take or renewal was *asked for*, plus the lifetime the cloud
 * granted, minus a margin, on both clocks. Renewals go out every third of the lifetime, so one or
 * two that fail (the cloud unreachable) cost nothing; when they keep failing the deadline passes
 * and the worker stops before its next step, or before the cart confirms an order, long before
 * the cloud gives the request to another workstation.
 */
export function keepLease(
  cloud: CloudClient,
  requestId: number,
  grant: Grant,
  askedAt: { monotonic: number; wall: number },
  clocks: LeaseClocks,
  ttlSeconds: number,
  log: (line: string) => void,
): HeldLease {
  let lost: string | null = null;
  let stopped = false;
  let deadline = deadlineOf(askedAt, grant.ttlSeconds);
  const timer = setInterval(() => {
    const asked = { monotonic: clocks.monotonic(), wall: clocks.wall.now().getTime() };
    cloud.renewLease(requestId, grant.leaseId, ttlSeconds).then(
      (outcome) => {
        if (stopped) return;
        if (outcome.granted) deadline = deadlineOf(asked, outcome.lease.ttlSeconds);
        else {
          lost = outcome.message;
          log(`robot: LOC ${requestId} のリースを失いました（${outcome.message}）`);
        }
      },
      (error: unknown) => log(`robot: LOC ${requestId} のリース更新に失敗しました（次回再試行）: ${(error as Error).message}`),
    );
  }, Math.max(500, (ttlSeconds * 1000) / 3));
  timer.unref?.();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return {
    leaseId: grant.leaseId,
    requestUid: grant.requestUid,
    assert() {
      if (lost !== null) throw new LeaseLostError(`LOC 申請 ${requestId} のリースが他に移ったため中断しました`, coreReasons.leaseMoved(requestId));
      if (clocks.monotonic() >= deadline.monotonic || clocks.wall.now().getTime() >= deadline.wall) {
        throw new LeaseLostError(`LOC 申請 ${requestId} のリースを更新できないまま期限が来たため中断しました`, coreReasons.leaseExpired(requestId));
      }
    },
    async release() {
      stop();
      try {
        await cloud.releaseLease(requestId, grant.leaseId);
      } catch (error) {
        log(`robot: LOC ${requestId} のリースを返せませんでした（期限切れで解放されます）: ${(error as Error).message}`);
      }
    },
    abandon: stop,
  };
}

function deadlineOf(asked: { monotonic: number; wall: number }, ttlSeconds: number): { monotonic: number; wall: number } {
  const trusted = ttlSeconds * 1000 - leaseMarginMs(ttlSeconds);
  return { monotonic: asked.monotonic + trusted, wall: asked.wall + trusted };
}
