import { DriverError, type CartDriver } from '../../../automation/cart-driver';
import type { CartLoginCredentials, DriverProvider } from '../../../automation/driver-provider';
import { isoNow, type Clock } from '../clock';
import type { Db } from '../db/open';
import type { EventBus } from '../events';
import type { LineClient } from '../line/client';
import { coreReasons, type Reason } from '../loc/reasons';
import { transition, workOf } from '../loc/transitions';
import { backoffDelay } from '../sync/backoff';
import type { CloudClient } from '../sync/cloud-client';
import { createFlowRegistry, type AnyFlow, type Checkpoint, type FlowContext } from './flow';
import { isFirstRun } from './journal';
import { keepLease, type HeldLease } from './lease-keeper';
import { recoverInterrupted } from './recovery';
import { recordFailure, recordHandedOver, recordLeaseLost, recordStart, recordSuccess, type RunRef } from './outcomes';
import { guarded, guardedLine } from './action-guard';
import { classify, LeaseLostError, PausedError, RobotError, StopRequestedError } from './robot-error';
import { createSiteThrottle, throttled } from './site-throttle';
import { createStepRunner, messageOf } from './step-runner';
import { eligibleRequests, queueCounts, type QueuedRequest, type QueueCounts } from './work-queue';

export interface RobotOptions {
  db: Db;
  clock: Clock;
  /** Milliseconds that only go forward, for lease deadlines (default performance.now). */
  monotonic?: () => number;
  cloud: CloudClient;
  /** Pushes the outbox (and pulls): results must reach the cloud before the lease is given back. */
  sync: { now(): Promise<unknown>; pending(): number };
  line: LineClient | null;
  drivers: DriverProvider;
  /** The cart login a flow names, password included, from the secret store. */
  resolveLogin: (ref: string) => Promise<CartLoginCredentials | null>;
  /** The flows this robot runs, one per request kind. */
  flows: readonly AnyFlow[];
  /** This workstation's name on cloud leases; stable across restarts so it gets its leases back. */
  holder: string;
  /**
   * The workstation's name as the shop set it, recorded as who finished what the robot finished;
   * asked at each finish so a renamed workstation is named anew (default: the holder's name part).
   */
  workstationName?: () => string;
  events?: EventBus;
  /** Browser contexts worked in parallel (default 2). */
  concurrency?: number;
  /** Attempts before an application error becomes needs_manual (default 5). */
  maxAttempts?: number;
  retry?: { minDelayMs?: number; maxDelayMs?: number };
  /** The lease lifetime asked for: well above the longest step (default 300 s). */
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
  /** The kind of the request being worked, so the screens name its step from that flow's labels. */
  kind: string | null;
  step: string | null;
}

export interface RobotStatus {
  running: boolean;
  holder: string;
  workers: WorkerStatus[];
  queue: QueueCounts;
  recentErrors: Array<{ requestId: number; kind: 'business' | 'application'; message: string; reason: Reason | null; at: string }>;
}

/** A request this robot is working now, for staff who want to finish it: who, since when, and how far. */
export interface HeldRequest {
  holder: string;
  since: string;
}

export interface Robot {
  start(): void;
  /** Lets each worker finish its current request, then stops; the browser is closed. */
  stop(): Promise<void>;
  /**
   * Stops at the next step boundary: no step begins, the current one finishes, and a request
   * stopped between steps goes back to the queue with its lease given back. A request past its
   * flow's point of no return is finished rather than left half done.
   */
  stopAfterStep(): Promise<void>;
  /**
   * The PC is going to sleep: no step begins and nothing more reaches the cart or LINE, and every
   * lease held is given back (resolved once that is asked of the cloud). The requests being worked
   * go back to the queue when their workers next look.
   */
  suspend(): Promise<void>;
  /** Back from sleep: once the workers of before have let go, runs again if it was running (or asked to start meanwhile). */
  resume(): Promise<void>;
  /** Whether the robot is suspended. */
  suspended(): boolean;
  status(): RobotStatus;
  /** Whether this robot holds the request now (picked it, asking for or holding its lease). */
  holding(requestId: number): HeldRequest | null;
  /** Resolves once no request of a registered kind is waiting, retrying or being worked. */
  whenIdle(): Promise<void>;
  /** Wakes idle workers now (new requests arrived, a stop was asked for). */
  wake(): void;
  /** The flows this robot runs. */
  readonly flows: readonly AnyFlow[];
  /** This workstation's name on cloud leases. */
  readonly holder: string;
}

const MAX_RECENT_ERRORS = 20;

/**
 * The robot engine: N workers take requests of every registered kind from the replica's queue,
 * hold a cloud lease on each while they work it, and run its flow's journaled steps. One member's
 * requests are never worked at the same time: locally a member a worker holds is skipped, and the
 * cloud never leases two requests of one member at once (member_busy), whichever workstation asks.
 */
export function createRobot(options: RobotOptions): Robot {
  const { db, clock, cloud } = options;
  const registry = createFlowRegistry(options.flows);
  const kinds = registry.kinds();
  const log = options.log ?? (() => undefined);
  const monotonic = options.monotonic ?? (() => performance.now());
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const ttl = options.leaseTtlSeconds ?? 300;
  const pollMs = options.pollIntervalMs ?? 1000;
  const throttle = createSiteThrottle(options.siteCallsPerSecond ?? 4);
  const workers: WorkerStatus[] = Array.from({ length: concurrency }, (_, worker) => ({ worker, requestId: null, kind: null, step: null }));
  /** Requests the workers hold, with since when; and the members they belong to. */
  const claimed = new Map<number, { memberId: number; since: string }>();
  const busyMembers = new Set<number>();
  /** Requests someone else holds, not to be asked for again before this time. */
  const skipUntil = new Map<number, number>();
  const recentErrors: RobotStatus['recentErrors'] = [];
  let running = false;
  let loops: Promise<void>[] = [];
  /** Suspension: a new epoch makes every request begun before it stop at its next check. */
  let suspended = false;
  let epoch = 0;
  let runAfterResume = false;
  let settled: Promise<void> = Promise.resolve();
  let stopAtStep = false;
  /** The leases the workers hold now, given back at once on suspend. */
  const held = new Map<number, HeldLease>();
  let idleWaiters: Array<() => void> = [];
  const now = () => isoNow(clock);
  const workstationName = options.workstationName ?? (() => holderName(options.holder));

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
  const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  function wake(): void {
    for (const done of [...sleepers]) done();
  }

  function pick(): QueuedRequest | null {
    const at = clock.now().getTime();
    for (const candidate of eligibleRequests(db, now(), kinds, concurrency * 4 + claimed.size + skipUntil.size + busyMembers.size * 4)) {
      if (claimed.has(candidate.id) || busyMembers.has(candidate.memberId)) continue;
      const until = skipUntil.get(candidate.id);
      if (until !== undefined && until > at) continue;
      skipUntil.delete(candidate.id);
      return candidate;
    }
    return null;
  }

  function isIdle(): boolean {
    if (claimed.size > 0) return false;
    const counts = queueCounts(db, kinds);
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
      const next = pick();
      if (next === null) {
        checkIdle();
        await sleep(pollMs);
        continue;
      }
      // Claimed synchronously with the pick: no other worker, and no staff action, slips in between.
      claimed.set(next.id, { memberId: next.memberId, since: now() });
      busyMembers.add(next.memberId);
      status.requestId = next.id;
      status.kind = next.kind;
      try {
        await work(status, next);
      } catch (error) {
        log(`robot: LOC ${next.id} で予期しないエラー: ${messageOf(error)}`);
        skipUntil.set(next.id, clock.now().getTime() + pollMs * 5);
      } finally {
        claimed.delete(next.id);
        busyMembers.delete(next.memberId);
        status.requestId = null;
        status.kind = null;
        status.step = null;
        options.events?.emit('loc.changed', { ids: [next.id] });
      }
    }
  }

  async function work(status: WorkerStatus, queued: QueuedRequest): Promise<void> {
    const flow = registry.get(queued.kind);
    if (!flow) return;
    // Read before the lease is asked for: a lease granted while the PC went to sleep is given back unused.
    const begunIn = epoch;
    const lease = await takeLease(queued.id);
    if (!lease) return;
    if (epoch !== begunIn) {
      await lease.release();
      return;
    }
    const known = db
      .prepare('SELECT uid, requested_at AS requestedAt FROM loc_requests WHERE id = ?')
      .get(queued.id) as { uid: string | null; requestedAt: string } | undefined;
    // The cloud names the request on its lease; a replica pulled before the cloud named its
    // requests has no uid yet, and one whose uid differs is a replica of another cloud.
    if (!known || (known.uid !== null && known.uid !== lease.requestUid)) {
      log(`robot: LOC ${queued.id} はクラウドの申請と一致しないため処理しません（このワークステーションのデータが別のクラウドのものです）`);
      skipUntil.set(queued.id, clock.now().getTime() + pollMs * 60);
      await lease.release();
      return;
    }
    const request = { id: queued.id, uid: lease.requestUid, kind: queued.kind, memberId: queued.memberId, requestedAt: known.requestedAt };
    const guard = () => {
      if (epoch !== begunIn) throw new PausedError('suspend', `スリープのため LOC 申請 ${queued.id} の処理を中断しました`);
      lease.assert();
    };
    const started = recordStart(db, request, options.holder, lease.leaseId, now());
    if (!started) {
      await lease.release();
      return;
    }
    held.set(queued.id, lease);
    options.events?.emit('loc.changed', { ids: [queued.id] });
    const ref: RunRef = { ...started, holder: options.holder, leaseId: lease.leaseId, workstationName: workstationName() };
    let keepUntilExpiry = false;
    try {
      const job: unknown = flow.load(db, ref.request);
      const skipped = untouched(ref) ? (flow.skip?.(db, ref.request, job, clock.now()) ?? null) : null;
      if (skipped !== null) {
        const { text, reason } = typeof skipped === 'string' ? { text: skipped, reason: null } : skipped;
        recordHandedOver(db, ref, 'repeat', text, now(), reason);
        log(`robot: LOC ${queued.id} → needs_manual: ${text}`);
        return;
      }
      const context = flowContext(status, ref, guard, flow);
      const facts: unknown = await flow.run(context, job);
      guard();
      status.step = 'finish';
      const summary = recordSuccess(db, ref, now(), (enqueue) => flow.finish(ref.request, job, facts, enqueue, clock));
      await options.checkpoint?.('finish', 'journaled', queued.id);
      log(`robot: LOC ${queued.id} 完了: ${summary}`);
    } catch (error) {
      // Whatever a step threw once the PC went to sleep under it, the request was paused, not failed.
      if (epoch !== begunIn || error instanceof PausedError) {
        const why = epoch !== begunIn ? 'suspend' : (error as PausedError).why;
        const asleep = why === 'suspend';
        recordLeaseLost(db, ref, asleep ? `スリープのため LOC 申請 ${queued.id} の処理を中断しました` : messageOf(error), now(), asleep ? coreReasons.pausedForSleep(queued.id) : (error as PausedError).reason);
        log(`robot: LOC ${queued.id} を中断してキューに戻しました（${why === 'suspend' ? 'スリープ' : '夜間の時間帯の終わり'}）`);
        // On suspend the lease was given back already; at the night's end it is handed back as usual.
        keepUntilExpiry = why === 'suspend';
        return;
      }
      if (error instanceof LeaseLostError) {
        recordLeaseLost(db, ref, error.message, now(), error.reason);
        log(`robot: ${error.message}`);
        keepUntilExpiry = true;
        return;
      }
      if (error instanceof StopRequestedError) {
        recordHandedOver(db, ref, 'stop', 'スタッフの依頼で停止しました', now(), coreReasons.stoppedByStaff());
        log(`robot: ${error.message}`);
        return;
      }
      recordError(ref, error);
    } finally {
      held.delete(queued.id);
      await handBack(lease, keepUntilExpiry);
    }
  }

  /**
   * Whether to ask the flow if the request should be worked at all: only on its first run, never
   * after staff reopened it, and only while the cloud says no robot has begun it or reported on it,
   * so a request another workstation began (and perhaps ordered) is never decided as not worked.
   */
  function untouched(ref: RunRef): boolean {
    if (!isFirstRun(db, ref.request.id, ref.request.generation)) return false;
    const cloud = db.prepare('SELECT status, robot_result AS result FROM loc_requests WHERE id = ?').get(ref.request.id) as { status: string; result: string | null } | undefined;
    return ref.request.generation === 1 && (cloud?.status === 'new' || cloud?.status === 'queued') && cloud.result === null;
  }

  function recordError(ref: RunRef, error: unknown): void {
    const kind = classify(error);
    const message = messageOf(error);
    const attempts = (workOf(db, ref.request.id)?.attempts ?? 0) + 1;
    const retryAt =
      kind === 'application' && attempts < maxAttempts
        ? new Date(clock.now().getTime() + backoffDelay(attempts - 1, { minDelayMs: 5_000, maxDelayMs: 600_000, ...options.retry })).toISOString()
        : null;
    const gaveUp = kind === 'application' && retryAt === null;
    const reason = error instanceof DriverError || error instanceof RobotError ? error.reason : null;
    const ended = recordFailure(db, ref, {
      at: now(),
      kind,
      message: gaveUp ? `${attempts} 回試みましたが完了できませんでした: ${message}` : message,
      reason: gaveUp ? coreReasons.gaveUp(attempts, reason ?? message) : reason,
      nextAttemptAt: retryAt,
    });
    recentErrors.unshift({ requestId: ref.request.id, kind, message, reason, at: now() });
    recentErrors.splice(MAX_RECENT_ERRORS);
    log(`robot: LOC ${ref.request.id} → ${ended}: ${message}`);
  }

  function flowContext(status: WorkerStatus, ref: RunRef, guard: () => void, flow: AnyFlow): FlowContext {
    return {
      request: ref.request,
      db,
      clock,
      assertLease: guard,
      line: options.line && guardedLine(options.line, guard),
      cart: async (loginRef) => {
        const driver = await driverFor(status.worker, loginRef, guard);
        guard();
        return driver;
      },
      pause,
      step: createStepRunner({
        db,
        request: ref.request,
        runId: ref.run.runId,
        now,
        assertLease: guard,
        pauseHere: () => stopAtStep,
        pointOfNoReturn: flow.pointOfNoReturn,
        checkpoint: options.checkpoint,
        onStep: (step) => {
          status.step = step;
        },
      }),
    };
  }

  async function takeLease(requestId: number): Promise<HeldLease | null> {
    const askedAt = { monotonic: monotonic(), wall: clock.now().getTime() };
    let outcome;
    try {
      outcome = await cloud.takeLease(requestId, options.holder, ttl);
    } catch (error) {
      log(`robot: LOC ${requestId} のリースを取れませんでした（クラウドに接続できません）: ${messageOf(error)}`);
      skipUntil.set(requestId, clock.now().getTime() + pollMs * 5);
      return null;
    }
    if (outcome.granted) {
      return keepLease(cloud, requestId, outcome.lease, askedAt, { monotonic, wall: clock }, ttl, log);
    }
    if (outcome.code === 'already_done') {
      db.transaction(() => {
        const status = workOf(db, requestId)?.status;
        if (status !== 'done') transition(db, requestId, 'done_in_cloud', { actor: 'cloud', reason: outcome.message, reasonData: coreReasons.doneInCloud(), at: now() });
      })();
      return null;
    }
    log(`robot: LOC ${requestId} は他で処理中です: ${outcome.message}`);
    // Worked elsewhere (this request, or another of its member): ask again after a while; the
    // holder reports and lets go when done, and sync brings the result in meanwhile.
    skipUntil.set(requestId, clock.now().getTime() + pollMs * (outcome.code === 'member_busy' ? 3 : 10));
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

  // At once, not at start: staff must not see a request held by a robot that is gone.
  recoverInterrupted(db, options.holder, now(), log);

  const drivers = new Map<string, { driver: CartDriver; baseUrl: string }>();
  /** The worker's driver for a login; each call checked against the request's guard once the site's limiter lets it through. */
  async function driverFor(worker: number, ref: string | null, guard: () => void): Promise<CartDriver> {
    if (!ref) throw new RobotError('business', '設定にカートログイン情報がありません。設定でログイン情報を入力してください', { reason: { key: 'cartLoginMissing', params: [] } });
    const key = `${worker}:${ref}`;
    let entry = drivers.get(key);
    if (!entry) {
      const login = await options.resolveLogin(ref);
      if (!login) throw new RobotError('business', `カートログイン情報「${ref}」が保存されていません。設定でログイン情報を入力し直してください`, { reason: { key: 'cartLoginNotSaved', params: [ref] } });
      entry = { driver: await options.drivers.driverFor(worker, login), baseUrl: login.baseUrl };
      drivers.set(key, entry);
    }
    return throttled(guarded(entry.driver, guard), throttle(entry.baseUrl));
  }

  const robot: Robot = {
    flows: registry.all(),
    holder: options.holder,
    start() {
      if (suspended) {
        runAfterResume = true;
        return;
      }
      if (running) return;
      running = true;
      loops = workers.map((w) => loop(w));
      options.events?.emit('robot.changed', { running: true });
      log(`robot: ${concurrency} 並列で開始しました（${options.holder}）`);
    },
    async stop() {
      runAfterResume = false;
      await settled;
      if (!running) return;
      running = false;
      wake();
      await Promise.all(loops);
      loops = [];
      drivers.clear();
      await options.drivers.close();
      options.events?.emit('robot.changed', { running: false });
      log('robot: 停止しました');
    },
    async stopAfterStep() {
      const wasRunning = running;
      stopAtStep = true;
      try {
        await robot.stop();
      } finally {
        stopAtStep = false;
      }
      // Only the night window's end stops the robot this way (night-scheduler.ts).
      if (wasRunning) {
        const counts = queueCounts(db, kinds);
        options.events?.emit('robot.stoppedByItself', { cause: 'night-ended', workLeft: counts.waiting + counts.retrying + counts.working, at: now() });
      }
    },
    async suspend() {
      if (suspended) return;
      suspended = true;
      epoch += 1;
      runAfterResume = running;
      running = false;
      wake();
      options.events?.emit('robot.changed', { running: false });
      const leases = [...held.values()];
      held.clear();
      const workersDone = Promise.all(loops);
      loops = [];
      settled = workersDone.then(async () => {
        drivers.clear();
        await options.drivers.close();
      });
      await Promise.all(leases.map((lease) => lease.release()));
      log(`robot: スリープのため停止しました（リース ${leases.length} 件を返却）`);
    },
    async resume() {
      if (!suspended) return;
      await settled;
      suspended = false;
      if (runAfterResume) {
        runAfterResume = false;
        robot.start();
      }
    },
    suspended: () => suspended,
    status() {
      return {
        running,
        holder: options.holder,
        workers: workers.map((w) => ({ ...w })),
        queue: queueCounts(db, kinds),
        recentErrors: recentErrors.map((e) => ({ ...e })),
      };
    },
    holding(requestId) {
      const held = claimed.get(requestId);
      return held ? { holder: options.holder, since: held.since } : null;
    },
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
    wake,
  };
  return robot;
}

/** pc-a#1a2b3c4d → pc-a: the holder's id tells workstations of one name apart for the cloud, not for staff. */
function holderName(holder: string): string {
  const hash = holder.lastIndexOf('#');
  return hash > 0 ? holder.slice(0, hash) : holder;
}
