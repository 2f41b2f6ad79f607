import type { Db } from '../db/open';
import { ApiError } from '../api/errors';
import { isoNow, systemClock, type Clock } from '../clock';
import type { EventBus } from '../events';
import { applyPage } from './apply';
import { backoffDelay, retryTransient, type RetryOptions } from './backoff';
import type { ChangesPage } from './change-schemas';
import type { CloudClient } from './cloud-client';
import { pendingCount, pendingRowKeys, pushOutbox, rejectedOperations } from './outbox';
import { readQuarantined } from './quarantine';
import { failureKind, syncHealth, type SyncFailure, type SyncFailureKind } from './sync-failure';
import { clearSyncState, readCursor, readFailure, readSyncState, writeSyncState } from './sync-state';
import type { SyncResult, SyncService, SyncStatus } from './types';

/** Runs `run` after `ms`; returns what cancels it. Injected so tests drive the schedule themselves. */
export type SetTimer = (run: () => void, ms: number) => () => void;

const realTimer: SetTimer = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

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
  setTimer?: SetTimer;
  log?: (message: string) => void;
}

export interface SyncEngine extends SyncService {
  start(): void;
  /** Stops scheduling and waits for a running cycle, so the database can be closed after. */
  stop(): Promise<void>;
}

/**
 * One cycle: push the outbox, then pull the feed to its head.
 *
 * A pulled change never overwrites a row that operations still waiting to be sent will change
 * (the PowerSync rule: upload first). Pushing first empties the outbox, but staff and the robot
 * keep enqueueing while pages download, so each page is split when it arrives: changes to rows
 * with pending operations (a LOC request, a member's tag) are held aside in sync_state, in feed
 * order, and the rest are applied and the cursor moves past the whole page. A held row's later
 * changes are held behind it, so its changes still apply in feed order; they are applied at the
 * start of a page once the row has nothing left to send, which the next cycle's push ensures.
 * So the pull reaches the head however often operations are enqueued, and no change is lost.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const { db, client, events } = options;
  const clock = options.clock ?? systemClock;
  const intervalMs = options.intervalMs ?? 60_000;
  const pageSize = options.pageSize ?? 5000;
  const setTimer = options.setTimer ?? realTimer;
  const log = options.log ?? (() => {});

  let current: Promise<SyncResult> | null = null;
  let lastError: string | null = null;
  let cancelTimer: (() => void) | null = null;
  let started = false;
  let pushing = false;
  let held = false;

  async function cycle(): Promise<SyncResult> {
    const result: SyncResult = { pushed: 0, rejected: 0, applied: 0, quarantined: 0, cursor: readCursor(db) };
    let phase: 'push' | 'pull' = 'push';
    try {
      pushing = true;
      const push = await pushOutbox(db, client, { clock, retry: options.retry, ...(options.batchSize ? { batchSize: options.batchSize } : {}) }).finally(() => {
        pushing = false;
      });
      result.pushed = push.pushed;
      result.rejected = push.rejected;
      events?.emit('sync.progress', { phase: 'push', applied: push.pushed, cursor: result.cursor });
      // A refused change no longer shows on its request: the screens redraw it as the cloud has it.
      if (push.refusedRequests.length > 0) events?.emit('loc.changed', { ids: push.refusedRequests });
      if (push.remaining > 0) log(`sync: the cloud left ${push.remaining} operations unanswered; their rows are held aside by the pull`);

      phase = 'pull';
      for (;;) {
        const since = readCursor(db);
        const page = await retryTransient(() => client.getChanges(since, pageSize), options.retry);
        // Read after the await and applied synchronously: nothing can be enqueued in between.
        const outcome = applyHolding(page, since);
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
      recordFailure(failureKind(error), phase);
      log(`sync: 同期できませんでした（${lastError}）`);
      events?.emit('sync.failed', { message: lastError });
      throw error;
    }
  }

  /**
   * Applies the held changes whose rows have nothing left to send, then the page without the
   * changes to rows that still have, which join the held ones; all in one transaction with the
   * cursor, so a crash loses no held change.
   */
  function applyHolding(page: ChangesPage, since: number): { applied: number; quarantined: number; cursor: number } {
    const pending = pendingRowKeys(db);
    const before = readHeld(db);
    if (pending.size === 0 && before.length === 0) return applyPage(db, page, { clock, ...(events ? { events } : {}) });

    const ready = before.filter((c) => !pending.has(c.key));
    const held = before.filter((c) => pending.has(c.key));
    const heldKeys = new Set(held.map((c) => c.key));
    const kept: unknown[] = [];
    for (const raw of page.changes) {
      const change = readChange(raw);
      if (change && change.seq > since && change.key && (pending.has(change.key) || heldKeys.has(change.key))) {
        held.push({ ...change, key: change.key });
        heldKeys.add(change.key);
        continue;
      }
      kept.push(raw);
      // A delete of a member or tag takes its member tags and requests with it (ON DELETE
      // CASCADE), as it would have taken a held change applied in order before it.
      if (change?.deletes) prune(held, heldKeys, change.deletes);
    }

    return db.transaction(() => {
      let applied = 0;
      let quarantined = 0;
      if (ready.length > 0) {
        // They are older than the cursor, which applyPage would skip them for: step it back
        // to the first of them for this write; it returns to `since` with it.
        writeSyncState(db, 'cursor', String(ready[0]!.seq - 1));
        const head = Number(readSyncState(db, 'head') ?? since);
        const released = applyPage(db, { changes: ready.map((c) => c.raw), next: since, head, hasMore: false }, { clock, ...(events ? { events } : {}) });
        applied += released.applied;
        quarantined += released.quarantined;
        log(`sync: applied ${ready.length} changes held aside until their operations were sent`);
      }
      const outcome = applyPage(db, { ...page, changes: kept }, { clock, ...(events ? { events } : {}) });
      if (held.length > 0) writeSyncState(db, 'held_changes', JSON.stringify(held.map((c) => c.raw)));
      else clearSyncState(db, 'held_changes');
      return { applied: applied + outcome.applied, quarantined: quarantined + outcome.quarantined, cursor: outcome.cursor };
    })();
  }

  function recordFailure(kind: SyncFailureKind, phase: 'push' | 'pull'): void {
    const failures = Number(readSyncState(db, 'failures') ?? 0) + 1;
    const delay = Math.min(intervalMs, backoffDelay(failures - 1, { ...options.retry, maxDelayMs: intervalMs }));
    const at = isoNow(clock);
    const failure: SyncFailure = { kind, phase, since: readFailure(db)?.since ?? at, at };
    db.transaction(() => {
      writeSyncState(db, 'failure', JSON.stringify(failure));
      writeSyncState(db, 'failures', String(failures));
      writeSyncState(db, 'next_attempt_at', new Date(clock.now().getTime() + delay).toISOString());
    })();
  }

  function finish(result: SyncResult): SyncResult {
    lastError = null;
    db.transaction(() => {
      clearSyncState(db, 'failures');
      clearSyncState(db, 'next_attempt_at');
      clearSyncState(db, 'failure');
    })();
    events?.emit('sync.completed', { applied: result.applied, pushed: result.pushed, quarantined: result.quarantined, cursor: result.cursor });
    return result;
  }

  /** How long the scheduler must still wait after failures, as persisted, so a restart keeps waiting. */
  function backoffLeft(): number {
    const at = readSyncState(db, 'next_attempt_at');
    if (at === null) return 0;
    const left = Date.parse(at) - clock.now().getTime();
    return Number.isFinite(left) ? Math.max(0, Math.min(left, intervalMs)) : 0;
  }

  function now(): Promise<SyncResult> {
    if (held && current === null) {
      return Promise.reject(new ApiError('unavailable', 'アップデートのインストールを待っているため、同期を止めています', { code: 'syncHeldForUpdate' }));
    }
    current ??= cycle().finally(() => {
      current = null;
    });
    return current;
  }

  function schedule(delay: number): void {
    if (!started) return;
    cancelTimer = setTimer(() => {
      cancelTimer = null;
      void tick();
    }, delay);
  }

  /** A scheduled cycle, unless a failure since (staff pressing 同期 among them) moved the next attempt later. */
  async function tick(): Promise<void> {
    const left = backoffLeft();
    if (left > 0) return schedule(left);
    await now().catch(() => undefined);
    const after = backoffLeft();
    schedule(after > 0 ? after : intervalMs);
  }

  return {
    now,
    sending: () => pushing,
    hold() {
      held = true;
    },
    release() {
      held = false;
    },
    status(): SyncStatus {
      const cursor = readCursor(db);
      const head = Number(readSyncState(db, 'head') ?? cursor);
      const lag = Math.max(0, head - cursor);
      const lastPullAt = readSyncState(db, 'last_pull_at');
      const failure = readFailure(db);
      return {
        cursor,
        lag,
        pending: pendingCount(db),
        rejected: rejectedOperations(db),
        quarantined: readQuarantined(db),
        running: current !== null,
        lastPullAt,
        lastPushAt: readSyncState(db, 'last_push_at'),
        lastError,
        failure,
        health: syncHealth({ lastPullAt, failure, lag }),
      };
    },
    start() {
      if (started) return;
      started = true;
      schedule(backoffLeft());
    },
    async stop() {
      started = false;
      cancelTimer?.();
      cancelTimer = null;
      await current?.catch(() => undefined);
    },
  };
}

interface HeldChange {
  seq: number;
  /** The row it writes, as pendingRowKeys names rows; null for rows no operation changes. */
  key: string | null;
  /** The rows it needs to exist ("member:3", "tag:5"); a later delete of one supersedes it. */
  parents: string[];
  /** The member or tag it deletes, if it is such a delete. */
  deletes: string | null;
  raw: unknown;
}

const intId = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/**
 * What holding needs to know of a change, read loosely: a change too malformed to say is
 * applied in its place, where applyPage quarantines it.
 */
function readChange(raw: unknown): HeldChange | null {
  const c = (raw ?? {}) as { seq?: unknown; entity?: unknown; op?: unknown; data?: unknown };
  const seq = intId(c.seq);
  if (seq === null || typeof c.entity !== 'string') return null;
  const d = (c.data ?? {}) as { id?: unknown; memberId?: unknown; tagId?: unknown };
  const id = intId(d.id);
  const memberId = intId(d.memberId);
  const tagId = intId(d.tagId);
  const change: HeldChange = { seq, key: null, parents: [], deletes: null, raw };
  switch (c.entity) {
    case 'member_tag':
      if (memberId !== null && tagId !== null) change.key = `member_tag:${memberId}:${tagId}`;
      change.parents = [`member:${memberId}`, `tag:${tagId}`];
      break;
    case 'loc_request':
      if (id !== null) change.key = `loc_request:${id}`;
      if (memberId !== null) change.parents = [`member:${memberId}`];
      break;
    case 'tag_rule':
      if (id !== null) change.key = `tag_rule:${id}`;
      if (tagId !== null) change.parents = [`tag:${tagId}`];
      break;
    case 'crosssell_config':
      if (id !== null) change.key = `crosssell_config:${id}`;
      break;
    case 'member':
    case 'tag':
      if (c.op === 'delete' && id !== null) change.deletes = `${c.entity}:${id}`;
      break;
  }
  return change;
}

/** A held change always has a key: only changes to rows with operations waiting are held. */
type Held = HeldChange & { key: string };

function readHeld(db: Db): Held[] {
  const stored = readSyncState(db, 'held_changes');
  if (stored === null) return [];
  return (JSON.parse(stored) as unknown[]).map((raw) => readChange(raw)).filter((c): c is Held => c !== null && c.key !== null);
}

function prune(held: Held[], heldKeys: Set<string>, deleted: string): void {
  let removed = false;
  for (let k = held.length - 1; k >= 0; k -= 1) {
    if (held[k]!.parents.includes(deleted)) {
      held.splice(k, 1);
      removed = true;
    }
  }
  if (!removed) return;
  heldKeys.clear();
  for (const c of held) heldKeys.add(c.key);
}
