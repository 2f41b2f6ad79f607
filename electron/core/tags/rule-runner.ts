import { Cron } from 'croner';
import type { Db } from '../db/open';
import { systemClock, type Clock } from '../clock';
import type { EventBus } from '../events';
import { evaluateMembers, type EvaluationResult } from './rules/evaluate';
import { evaluateScheduled } from './rules/scheduled';
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
}

export interface RuleRunner {
  /** Listens for changed members and rules and starts the quarter-hour schedule. */
  start(): void;
  stop(): void;
  /** Runs the scheduled evaluation when a quarter-hour boundary has passed since the last one. */
  runIfDue(): EvaluationResult | null;
  /** Evaluates every member now. */
  runAll(): EvaluationResult;
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
    if (running) return null;
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
    exclusive(() => evaluateMembers(db, options.loadRules(db), ids, { clock }));
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

  function runIfDue(): EvaluationResult | null {
    if (running || (lastSlot !== null && quarterHourSlot(clock.now()) <= lastSlot)) return null;
    return scheduled(false);
  }

  function safely(): void {
    try {
      runIfDue();
    } catch (error) {
      log(`Tag rule evaluation failed: ${(error as Error).message}`);
    }
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
          setImmediate(safely);
        }),
      );
      job = new Cron('* * * * *', { timezone: 'Asia/Tokyo', unref: true }, safely);
    },
    stop() {
      job?.stop();
      job = null;
      for (const off of unsubscribe.splice(0)) off();
    },
    runIfDue,
    runAll,
  };
}
