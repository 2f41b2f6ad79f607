import { Cron } from 'croner';
import type { Db } from '../db/open';
import { systemClock, type Clock } from '../clock';
import type { EventBus } from '../events';
import { evaluateMembers, type EvaluationResult } from './rules/evaluate';
import { evaluateScheduled, evaluateScheduledInBatches, type BatchProgress, type ScheduledResult } from './rules/scheduled';
import type { TagRule } from './rules/rule-schema';

export interface RuleRunnerOptions {
  db: Db;
  events: EventBus;
  /** The saved rules, read fresh for every evaluation (storage's listTagRules). */
  loadRules: (db: Db) => TagRule[];
  clock?: Clock;
  log?: (line: string) => void;
  /** Most member ids one members.changed event lists; an evaluation that changed more announces all. */
  announceLimit?: number;
  /** Members per batch of an evaluation in batches; unless given, batches are sized to take about BATCH_MS (rules/scheduled.ts). */
  batchMembers?: number;
}

/** Where a running evaluation in batches is: members covered, of all it will; `running` turns false when it ended. */
export interface TagRuleProgress extends BatchProgress {
  running: boolean;
}

export interface RuleRunner {
  /** Listens for changed members and rules and starts the quarter-hour schedule. */
  start(): void;
  stop(): void;
  /** Runs the scheduled evaluation when a quarter-hour boundary has passed since the last one. */
  runIfDue(): EvaluationResult | null;
  /** Evaluates every member now. */
  runAll(): EvaluationResult;
  /**
   * Evaluates every member in batches, answering other calls between them. While one runs, a
   * second request makes it start again from the first member with the rules as saved then; the
   * promise is the run's, settling once a run covered every member (null when the runner stopped).
   */
  runAllInBatches(): Promise<ScheduledResult | null>;
  /** runIfDue in batches; null at once when nothing is due or a run is already under way. */
  runIfDueInBatches(): Promise<ScheduledResult | null>;
  /** The evaluation in batches under way, or null. */
  progress(): TagRuleProgress | null;
}

const QUARTER_HOUR_MS = 15 * 60_000;

/** The quarter hour an instant falls in; Japan's offset is whole hours, so :00/:15/:30/:45 agree with UTC's. */
export function quarterHourSlot(at: Date): number {
  return Math.floor(at.getTime() / QUARTER_HOUR_MS);
}

/**
 * Keeps the tags in step with the rules: the members a change touched are evaluated at once (sync
 * pages, the robot and staff all announce them as members.changed), every member after the rule
 * set changes, and at :00, :15, :30 and :45 whoever still needs it (rules/scheduled.ts). The schedule is checked every minute against
 * the clock rather than trusted to fire, so quarters missed while the PC slept are caught up by
 * one run on waking. The members an evaluation changed are announced in turn for the screens;
 * the evaluation already settled them, so the runner does not take its own announcement as work.
 */
export function createRuleRunner(options: RuleRunnerOptions): RuleRunner {
  const { db, events } = options;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const announceLimit = options.announceLimit ?? 10_000;
  let lastSlot: number | null = null;
  let running = false;
  let announcing = false;
  const pending = new Set<number>();
  const unsubscribe: Array<() => void> = [];
  let job: Cron | null = null;
  /** The evaluation in batches under way (see inBatches), and what was asked of it meanwhile. */
  let batched: Promise<ScheduledResult | null> | null = null;
  let restart = false;
  let restartFull = false;
  let current: TagRuleProgress | null = null;
  /** Moves on at stop(): a run of an earlier epoch ends at its next batch. */
  let epoch = 0;

  function announce(result: EvaluationResult): EvaluationResult {
    if (result.memberIds.length > 0) {
      announcing = true;
      try {
        // A full evaluation can change a million members: the screens need only know to refetch.
        events.emit('members.changed', result.memberIds.length > announceLimit ? { ids: [], all: true } : { ids: result.memberIds });
      } finally {
        announcing = false;
      }
    }
    if (!result.settled) log(`Tag rules did not settle within ${result.passes} passes; the rule set may fight itself.`);
    return result;
  }

  /** Evaluations never nest: members changed meanwhile wait for the running one to finish. */
  function exclusive<R extends EvaluationResult>(work: () => R): R | null {
    if (running || batched) return null;
    running = true;
    let result: R;
    try {
      result = work();
    } finally {
      running = false;
    }
    announce(result);
    drain();
    return result;
  }

  function drain(): void {
    if (pending.size === 0 || running) return;
    const ids = [...pending].sort((a, b) => a - b);
    pending.clear();
    running = true;
    let result: EvaluationResult;
    try {
      result = evaluateMembers(db, options.loadRules(db), ids, { clock });
    } finally {
      running = false;
    }
    announce(result);
    drain();
  }

  function scheduled(full: boolean): EvaluationResult {
    const slot = quarterHourSlot(clock.now());
    const result = exclusive(() => evaluateScheduled(db, options.loadRules(db), { clock, full }));
    if (!result) throw new Error('A tag rule evaluation is already running.');
    lastSlot = slot;
    log(`Tag rules (${result.kind}, ${result.evaluated} members): ${result.changes} changes (${result.adds} added, ${result.removes} removed).`);
    return result;
  }

  function runAll(): EvaluationResult {
    return scheduled(true);
  }

  function due(): boolean {
    return !running && !batched && (lastSlot === null || quarterHourSlot(clock.now()) > lastSlot);
  }

  function runIfDue(): EvaluationResult | null {
    return due() ? scheduled(false) : null;
  }

  /*
   * Why batches on this thread rather than a worker thread with its own connection. Measured
   * (bench/responsive.bench.ts and the batch timings behind BATCH_MS): a batch's fixed cost is
   * about 3 ms and each member adds about 0.1 ms on a first evaluation, so batches sized to 20 ms
   * keep every call within one batch of its answer, also on a loaded PC: over 1,000,000 members
   * the member list answered in 58 ms at p99 (3 ms idle) while the run took 104 s in batches. A worker would free this thread only while it reads: its writes take the replica's
   * one write lock, and better-sqlite3 waits out a busy lock by blocking the thread that wants it,
   * which is this one (the API's writes, sync pages, the robot). Its 50,000-change transactions
   * hold that lock for a quarter of a second on an idle PC and seconds on a busy one, and made
   * short enough not to, they are these batches again, plus a second connection whose reads may
   * see data newer than what it then writes over, and a bundle of half the core for the worker
   * (condition-reader.ts can run as a worker because it imports nothing). Here each batch computes
   * and writes its members in one synchronous step, so nothing writes between a member's reading
   * and its changes, as in one evaluation.
   */

  function report(progress: TagRuleProgress): void {
    current = progress.running ? progress : null;
    events.emit('tagRules.progress', progress);
  }

  function inBatches(full: boolean): Promise<ScheduledResult | null> {
    const mine = epoch;
    const stopped = () => mine !== epoch;
    const run = async (): Promise<ScheduledResult | null> => {
      let wantFull = full;
      for (;;) {
        restart = false;
        restartFull = false;
        const slot = quarterHourSlot(clock.now());
        const steps = evaluateScheduledInBatches(db, options.loadRules(db), { clock, full: wantFull, batchMembers: options.batchMembers });
        let result: ScheduledResult | null = null;
        let total = 0;
        for (;;) {
          running = true;
          let step: IteratorResult<BatchProgress, ScheduledResult>;
          try {
            step = steps.next();
          } finally {
            running = false;
          }
          if (step.done) {
            result = step.value;
            break;
          }
          total = step.value.total;
          report({ ...step.value, running: true });
          await new Promise((resolve) => setImmediate(resolve));
          if (stopped()) return null;
          // Members announced meanwhile are evaluated at once, between batches, as when no run is under way.
          drain();
          if (restart) break;
        }
        if (!result) {
          wantFull = wantFull || restartFull;
          continue;
        }
        lastSlot = slot;
        report({ done: total, total, running: false });
        log(`Tag rules (${result.kind}, ${result.evaluated} members): ${result.changes} changes (${result.adds} added, ${result.removes} removed).`);
        announce(result);
        return result;
      }
    };
    const settled = run().finally(() => {
      if (stopped()) return;
      batched = null;
      if (current) report({ ...current, running: false });
      drain();
      // Asked for again after the last batch (by a promise's continuation, say): a new run, not a lost one.
      if (restart) inBatches(restartFull).catch((error: unknown) => log(`Tag rule evaluation failed: ${(error as Error).message}`));
    });
    batched = settled;
    return settled;
  }

  function runAllInBatches(): Promise<ScheduledResult | null> {
    if (batched) {
      restart = true;
      restartFull = true;
      return batched;
    }
    return inBatches(true);
  }

  function runIfDueInBatches(): Promise<ScheduledResult | null> {
    return due() ? inBatches(false) : Promise.resolve(null);
  }

  function safely(): void {
    runIfDueInBatches().catch((error: unknown) => log(`Tag rule evaluation failed: ${(error as Error).message}`));
  }

  return {
    start() {
      if (job) return;
      unsubscribe.push(
        events.on('members.changed', ({ ids }) => {
          if (announcing) return;
          for (const id of ids) pending.add(id);
          drain();
        }),
        events.on('tagRules.changed', () => {
          lastSlot = null;
          // A run under way starts again with the rules as they are now: never two at once, none lost.
          if (batched) restart = true;
          else setImmediate(safely);
        }),
      );
      job = new Cron('* * * * *', { timezone: 'Asia/Tokyo', unref: true }, safely);
    },
    stop() {
      job?.stop();
      job = null;
      for (const off of unsubscribe.splice(0)) off();
      // A run in batches ends at its next batch; nothing after it touches the replica.
      epoch += 1;
      batched = null;
      current = null;
    },
    runIfDue,
    runAll,
    runAllInBatches,
    runIfDueInBatches,
    progress: () => current,
  };
}
