import type { CartDriver } from '../../../automation/cart-driver';
import type { CartLoginCredentials, DriverProvider } from '../../../automation/driver-provider';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events';
import type { LineClient } from '../line/client';
import { backoffDelay } from '../sync/backoff';
import type { CloudClient } from '../sync/cloud-client';
import { runCrosssellFlow, messageOf, type Checkpoint, type CrosssellStep } from './crosssell-flow';
import { closeInterruptedRuns } from './journal';
import { loadJob } from './job';
import { keepLease, type HeldLease } from './lease-keeper';
import { recordFailure, recordLeaseLost, recordStart, recordSuccess } from './outcomes';
import { billingPeriod } from './period';
import { classify, LeaseLostError, RobotError } from './robot-error';
import { createSiteThrottle, throttled } from './site-throttle';
import { eligibleRequests, interruptedRequests, queueCounts, transition, workOf, type QueueCounts } from './work-queue';

export interface RobotOptions {
  db: Db;
  clock: Clock;
  cloud: CloudClient;
  /** Pushes the outbox (and pulls): results must reach the cloud before the lease is given back. */
  sync: { now(): Promise<unknown>; pending(): number };
  line: LineClient | null;
  drivers: DriverProvider;
  /** The cart login a cross-sell config names, password included, from the secret store. */
  resolveLogin: (ref: string) => Promise<CartLoginCredentials | null>;
  /** This workstation's name on cloud leases; stable across restarts so it gets its leases back. */
  holder: string;
  events?: EventBus;
  /** Browser contexts worked in parallel (default 2). */
  concurrency?: number;
  /** Attempts before an application error becomes needs_manual (default 5). */
  maxAttempts?: number;
  retry?: { minDelayMs?: number; maxDelayMs?: number };
  leaseTtlSeconds?: number;
  /** Cart calls per second per site, over all workers (default 4). */
  siteCallsPerSecond?: number;
  /** How often an idle worker looks for work (default 1 s); sync and retries also wake it. */
  pollIntervalMs?: number;
  checkpoint?: Checkpoint;
  log?: (line: string) => void;
}

export interface WorkerStatus {
  worker: number;
  requestId: number | null;
  step: CrosssellStep | null;
}

export interface RobotStatus {
  running: boolean;
  holder: string;
  workers: WorkerStatus[];
  queue: QueueCounts;
  recentErrors: Array<{ requestId: number; kind: 'business' | 'application'; message: string; at: string }>;
}

export interface Robot {
  start(): void;
  /** Lets each worker finish its current request, then stops; the browser is closed. */
  stop(): Promise<void>;
  status(): RobotStatus;
  /** Resolves once no cross-sell request is waiting, retrying or being worked. */
  whenIdle(): Promise<void>;
  /** Wakes idle workers now (new requests arrived). */
  wake(): void;
}

const MAX_RECENT_ERRORS = 20;

/**
 * The cross-sell robot: N workers take requests from the replica's queue, hold a cloud lease on
 * each while they work it, and run the journaled flow with a driver of their own.
 */
export function createRobot(options: RobotOptions): Robot {
  const { db, clock, cloud } = options;
  const log = options.log ?? (() => undefined);
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const ttl = options.leaseTtlSeconds ?? 120;
  const pollMs = options.pollIntervalMs ?? 1000;
  const throttle = createSiteThrottle(options.siteCallsPerSecond ?? 4);
  const workers: WorkerStatus[] = Array.from({ length: concurrency }, (_, worker) => ({ worker, requestId: null, step: null }));
  const claimed = new Set<number>();
  /** Requests someone else holds, not to be asked for again before this time. */
  const skipUntil = new Map<number, number>();
  const recentErrors: RobotStatus['recentErrors'] = [];
  let running = false;
  let loops: Promise<void>[] = [];
  let idleWaiters: Array<() => void> = [];
  const now = () => isoNow(clock);

  const sleepers = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  function wake(): void {
    for (const done of [...sleepers]) done();
  }

  function recover(): void {
    for (const requestId of interruptedRequests(db)) {
      db.transaction(() => {
        closeInterruptedRuns(db, requestId, now());
        transition(db, requestId, 'recover', { actor: 'robot', actorDetail: options.holder, reason: '再起動後に再開します', at: now() });
      })();
      log(`robot: 中断していた LOC ${requestId} を再開します`);
    }
  }

  function pick(): number | null {
    const at = clock.now().getTime();
    for (const id of eligibleRequests(db, now(), concurrency * 4 + claimed.size + skipUntil.size)) {
      if (claimed.has(id)) continue;
      const until = skipUntil.get(id);
      if (until !== undefined && until > at) continue;
      skipUntil.delete(id);
      return id;
    }
    return null;
  }

  function isIdle(): boolean {
    if (claimed.size > 0) return false;
    const counts = queueCounts(db);
    return counts.waiting === 0 && counts.retrying === 0 && counts.working === 0;
  }

  function checkIdle(): void {
    if (idleWaiters.length === 0 || !isIdle()) return;
    const waiting = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiting) resolve();
  }

  async function loop(status: WorkerStatus): Promise<void> {
    while (running) {
      const requestId = pick();
      if (requestId === null) {
        checkIdle();
        await sleep(pollMs);
        continue;
      }
      claimed.add(requestId);
      status.requestId = requestId;
      try {
        await work(status, requestId);
      } catch (error) {
        log(`robot: LOC ${requestId} で予期しないエラー: ${messageOf(error)}`);
        skipUntil.set(requestId, clock.now().getTime() + pollMs * 5);
      } finally {
        claimed.delete(requestId);
        status.requestId = null;
        status.step = null;
        options.events?.emit('loc.changed', { ids: [requestId] });
      }
    }
  }

  async function work(status: WorkerStatus, requestId: number): Promise<void> {
    const lease = await takeLease(requestId);
    if (!lease) return;
    const runId = recordStart(db, requestId, now(), options.holder);
    options.events?.emit('loc.changed', { ids: [requestId] });
    let keepUntilExpiry = false;
    try {
      const job = loadJob(db, requestId);
      const checkpoint: Checkpoint = async (step, phase, id) => {
        status.step = step;
        await options.checkpoint?.(step, phase, id);
      };
      const driver = await driverFor(status.worker, job.cartLoginRef);
      const facts = await runCrosssellFlow(job, {
        db,
        now,
        driver,
        line: options.line,
        runId,
        assertLease: () => lease.assert(),
        checkpoint,
      });
      lease.assert();
      status.step = 'finish';
      const summary = `受注 ${facts.order.orderNumber} を作成しました（${facts.customer.customerName} 様）`;
      recordSuccess(db, {
        requestId,
        runId,
        memberId: job.memberId,
        at: now(),
        holder: options.holder,
        tagsAdd: job.tagsAdd,
        tagsRemove: job.tagsRemove,
        tagSourceDetail: `クロスセル「${job.configName}」 LOC ${requestId}`,
        summary,
        period: billingPeriod(clock.now()),
      });
      await options.checkpoint?.('finish', 'journaled', requestId);
      log(`robot: LOC ${requestId} 完了: ${summary}`);
    } catch (error) {
      if (error instanceof LeaseLostError) {
        recordLeaseLost(db, requestId, runId, now(), options.holder);
        keepUntilExpiry = true;
        return;
      }
      const kind = classify(error);
      const message = messageOf(error);
      const attempts = (workOf(db, requestId)?.attempts ?? 0) + 1;
      const retryAt =
        kind === 'application' && attempts < maxAttempts
          ? new Date(clock.now().getTime() + backoffDelay(attempts - 1, { minDelayMs: 5_000, maxDelayMs: 600_000, ...options.retry })).toISOString()
          : null;
      const ended = recordFailure(db, {
        requestId,
        runId,
        at: now(),
        holder: options.holder,
        kind,
        message: kind === 'application' && retryAt === null ? `${attempts} 回試みましたが完了できませんでした: ${message}` : message,
        nextAttemptAt: retryAt,
      });
      recentErrors.unshift({ requestId, kind, message, at: now() });
      recentErrors.splice(MAX_RECENT_ERRORS);
      log(`robot: LOC ${requestId} → ${ended}: ${message}`);
    } finally {
      await handBack(lease, keepUntilExpiry);
    }
  }

  async function takeLease(requestId: number): Promise<HeldLease | null> {
    let outcome;
    try {
      outcome = await cloud.takeLease(requestId, options.holder, ttl);
    } catch (error) {
      log(`robot: LOC ${requestId} のリースを取れませんでした（クラウドに接続できません）: ${messageOf(error)}`);
      skipUntil.set(requestId, clock.now().getTime() + pollMs * 5);
      return null;
    }
    if (outcome.granted) return keepLease(cloud, requestId, outcome.lease.leaseId, ttl, log);
    if (outcome.code === 'already_done') {
      db.transaction(() =>
        transition(db, requestId, 'done_in_cloud', { actor: 'cloud', reason: outcome.message, at: now() }),
      )();
      return null;
    }
    log(`robot: LOC ${requestId} は他で処理中です: ${outcome.message}`);
    skipUntil.set(requestId, clock.now().getTime() + ttl * 1000);
    return null;
  }

  /** Results reach the cloud first; only then is the lease given back, so no one redoes the work. */
  async function handBack(lease: HeldLease, keepUntilExpiry: boolean): Promise<void> {
    if (keepUntilExpiry) return lease.abandon();
    for (let attempt = 0; attempt < 3 && options.sync.pending() > 0; attempt += 1) {
      try {
        await options.sync.now();
      } catch (error) {
        log(`robot: 結果をクラウドに送れませんでした（後で再送します）: ${messageOf(error)}`);
        return lease.abandon();
      }
    }
    if (options.sync.pending() > 0) return lease.abandon();
    await lease.release();
  }

  const drivers = new Map<string, CartDriver>();
  async function driverFor(worker: number, ref: string | null): Promise<CartDriver> {
    if (!ref) throw new RobotError('business', 'クロスセル設定にカートログイン情報がありません。設定でログイン情報を入力してください');
    const key = `${worker}:${ref}`;
    const existing = drivers.get(key);
    if (existing) return existing;
    const login = await options.resolveLogin(ref);
    if (!login) throw new RobotError('business', `カートログイン情報「${ref}」が保存されていません。クロスセル設定でログイン情報を入力し直してください`);
    const driver = throttled(await options.drivers.driverFor(worker, login), throttle(login.baseUrl));
    drivers.set(key, driver);
    return driver;
  }

  return {
    start() {
      if (running) return;
      recover();
      running = true;
      loops = workers.map((w) => loop(w));
      log(`robot: ${concurrency} 並列で開始しました（${options.holder}）`);
    },
    async stop() {
      if (!running) return;
      running = false;
      wake();
      await Promise.all(loops);
      loops = [];
      drivers.clear();
      await options.drivers.close();
      log('robot: 停止しました');
    },
    status() {
      return {
        running,
        holder: options.holder,
        workers: workers.map((w) => ({ ...w })),
        queue: queueCounts(db),
        recentErrors: recentErrors.map((e) => ({ ...e })),
      };
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    wake,
  };
}
