import type { CloudClient } from '../sync/cloud-client';
import { LeaseLostError } from './robot-error';

export interface HeldLease {
  readonly leaseId: string;
  /** Throws LeaseLostError once the cloud has said the lease is gone. */
  assert(): void;
  /** Stops renewing and gives the lease back (best effort: an unreachable cloud lets it expire). */
  release(): Promise<void>;
  /** Stops renewing and keeps the lease until it expires, e.g. while results are still unsent. */
  abandon(): void;
}

/**
 * Keeps a cloud lease alive while a request is worked, renewing at a third of its lifetime so
 * one failed renewal does not lose it. A renewal the cloud refuses marks the lease lost; the
 * worker checks before every step and stops before touching the cart again.
 */
export function keepLease(cloud: CloudClient, requestId: number, leaseId: string, ttlSeconds: number, log: (line: string) => void): HeldLease {
  let lost = false;
  let stopped = false;
  const timer = setInterval(() => {
    cloud.renewLease(requestId, leaseId, ttlSeconds).then(
      (outcome) => {
        if (!outcome.granted && !stopped) {
          lost = true;
          log(`robot: LOC ${requestId} のリースを失いました（${outcome.message}）`);
        }
      },
      (error: unknown) => log(`robot: LOC ${requestId} のリース更新に失敗しました（次回再試行）: ${(error as Error).message}`),
    );
  }, Math.max(1000, (ttlSeconds * 1000) / 3));
  timer.unref?.();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  return {
    leaseId,
    assert() {
      if (lost) throw new LeaseLostError(`LOC 申請 ${requestId} のリースが切れたため中断しました`);
    },
    async release() {
      stop();
      try {
        await cloud.releaseLease(requestId, leaseId);
      } catch (error) {
        log(`robot: LOC ${requestId} のリースを返せませんでした（期限切れで解放されます）: ${(error as Error).message}`);
      }
    },
    abandon: stop,
  };
}
