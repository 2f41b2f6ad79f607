import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { Robot } from '../robot/runner';
import { shopTimeZone } from '../shop/time-zone';
import { nextEdge, nightAt, readNightWindow, type Night } from './night-window';

export interface NightScheduler {
  /** Looks at the clock now: starts the robot as a night begins, stops it as one ends. */
  check(): Promise<void>;
  /** The night this scheduler started the robot for, if one is under way. */
  current(): Night | null;
  /** Checks again at each of the window's edges (and every minute, so a clock set on is noticed). */
  start(): void;
  stop(): void;
}

export interface NightSchedulerOptions {
  db: Db;
  clock: Clock;
  robot: Pick<Robot, 'start' | 'stopAfterStep'> | null;
  /** Told each night this scheduler ran once it has ended: the morning report is made from it. */
  onNightEnded: (night: Night) => void;
  log: (line: string) => void;
  /** The longest wait between two checks (default one minute). */
  recheckMs?: number;
}

/**
 * Night mode: the robot runs by itself inside the night window. The window is read again at
 * each check, so a change in the settings (or of the shop's time zone) takes effect at once.
 * Time comes from the core's clock and croner only computes the edges (night-window.ts), so
 * tests move the clock and call check() instead of waiting for a night.
 */
export function createNightScheduler(options: NightSchedulerOptions): NightScheduler {
  const { db, clock, log } = options;
  let current: Night | null = null;
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const recheckMs = options.recheckMs ?? 60_000;

  async function look(): Promise<void> {
    const window = readNightWindow(db);
    const now = clock.now();
    const night = window.enabled ? nightAt(window, shopTimeZone(db), now) : null;
    if (current && (!night || night.start.getTime() !== current.start.getTime())) {
      const ended = current;
      current = null;
      log('night: 夜間の時間帯が終わりました。処理中の手順の後でロボットを止めます');
      await options.robot?.stopAfterStep();
      options.onNightEnded(ended);
    }
    if (night && !current) {
      current = night;
      log(`night: 夜間の時間帯に入りました（${night.end.toISOString()} まで）。ロボットを開始します`);
      options.robot?.start();
    }
  }

  // One check at a time: a night's end waits for the current step, and the next check must see its outcome.
  const check = () => {
    const next = queue.then(look);
    queue = next.catch((error: unknown) => log(`night: 夜間の予定を確かめられませんでした: ${(error as Error).message}`));
    return next;
  };

  function schedule(): void {
    const window = readNightWindow(db);
    const now = clock.now();
    const edge = window.enabled ? nextEdge(window, shopTimeZone(db), now) : null;
    const wait = edge ? Math.min(recheckMs, Math.max(1000, edge.getTime() - now.getTime())) : recheckMs;
    timer = setTimeout(() => {
      void check()
        .catch(() => undefined)
        .finally(() => timer && schedule());
    }, wait);
    timer.unref();
  }

  return {
    check,
    current: () => current,
    start() {
      if (timer) return;
      void check().catch(() => undefined);
      schedule();
    },
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
