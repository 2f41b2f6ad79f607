import type { Db } from '../db/open';
import { isoNow, systemClock, type Clock } from '../clock';
import type { EventBus } from '../events';
import { applyPage } from './apply';
import { backoffDelay, retryTransient, type RetryOptions } from './backoff';
import type { CloudClient } from './cloud-client';
import { pendingCount, pushOutbox, rejectedOperations } from './outbox';
import { readQuarantined } from './quarantine';
import { readCursor, readSyncState, writeSyncState } from './sync-state';
import type { SyncResult, SyncService, SyncStatus } from './types';

export interface SyncEngineOptions {
  db: Db;
  client: CloudClient;
  clock?: Clock;
  events?: EventBus;
  /** Time between scheduled cycles once start() is called. */
  intervalMs?: number;
  /** Changes asked for per page; the cloud allows up to 5000. */
  pageSize?: number;
  /** Operations per POST /v1/mutations; the cloud allows up to 500. */
  batchSize?: number;
  retry?: RetryOptions;
  log?: (message: string) => void;
}

export interface SyncEngine extends SyncService {
  start(): void;
  /** Stops scheduling and waits for a running cycle, so the database can be closed after. */
  stop(): Promise<void>;
}

/**
 * One cycle: push the outbox, then, only when nothing is left unsent, pull the feed to its
 * head. Local operations go up before server state comes down, so a pull never lands on top of
 * writes the cloud has not seen (the PowerSync rule).
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, client, events } = options;
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 60_000;
  const pageSize = options.pageSize ?? 5000;
  const log = options.log ?? (() => {});

  let current: Promise<SyncResult> | null = null;
  let lastError: string | null = null;
  let failures = 0;
  let timer: NodeJS.Timeout | null = null;
  let started = false;

  async function cycle(): Promise<SyncResult> {
    const result: SyncResult = { pushed: 0, rejected: 0, applied: 0, quarantined: 0, cursor: readCursor(db) };
    let phase: 'push' | 'pull' = 'push';
    try {
      const push = await pushOutbox(db, client, { clock, retry: options.retry, ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
      result.pushed = push.pushed;
      result.rejected = push.rejected;
      events?.emit('sync.progress', { phase: 'push', applied: push.pushed, cursor: result.cursor });
      if (push.remaining > 0) {
        log(`sync: ${push.remaining} operations still unsent; pull postponed to the next cycle`);
        return finish(result);
      }

      phase = 'pull';
      for (;;) {
        const since = readCursor(db);
        const page = await retryTransient(() => client.getChanges(since, pageSize), options.retry);
        // Checked after the await and applied synchronously: nothing can be enqueued in between.
        if (pendingCount(db) > 0) {
          log('sync: operations were queued during the pull; pushing them before applying more');
          return finish(result);
        }
        const outcome = applyPage(db, page, { clock, ...(events ? { events } : {}) });
        result.applied += outcome.applied;
        result.quarantined += outcome.quarantined;
        result.cursor = outcome.cursor;
        events?.emit('sync.progress', { phase: 'pull', applied: result.applied, cursor: outcome.cursor });
        if (!page.hasMore || outcome.cursor === since) break;
      }
      writeSyncState(db, 'last_pull_at', isoNow(clock));
      return finish(result);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      lastError = phase === 'push' ? `Upload of local changes failed: ${message}` : `Download from the cloud failed at cursor ${readCursor(db)}: ${message}`;
      failures += 1;
      events?.emit('sync.failed', { message: lastError });
      throw error;
    }
  }

  function finish(result: SyncResult): SyncResult {
    lastError = null;
    failures = 0;
    events?.emit('sync.completed', { applied: result.applied, pushed: result.pushed, quarantined: result.quarantined, cursor: result.cursor });
    return result;
  }

  function now(): Promise<SyncResult> {
    current ??= cycle().finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(delay: number): void {
    if (!started) return;
    timer = setTimeout(() => {
      timer = null;
      now().then(
        () => schedule(intervalMs),
        () => schedule(Math.min(intervalMs, backoffDelay(failures - 1, { ...options.retry, maxDelayMs: intervalMs }))),
      );
    }, delay);
    timer.unref?.();
  }

  return {
    now,
    status(): SyncStatus {
      const cursor = readCursor(db);
      const head = Number(readSyncState(db, 'head') ?? cursor);
      return {
        cursor,
        lag: Math.max(0, head - cursor),
        pending: pendingCount(db),
        rejected: rejectedOperations(db),
        quarantined: readQuarantined(db),
        running: current !== null,
        lastPullAt: readSyncState(db, 'last_pull_at'),
        lastPushAt: readSyncState(db, 'last_push_at'),
        lastError,
      };
    },
    start() {
      if (started) return;
      started = true;
      schedule(0);
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await current?.catch(() => undefined);
    },
  };
}
