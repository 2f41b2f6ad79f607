import { createNewlyNeeding } from '../../renderer/src/clerk/newly-needing';
import type { CoreLink } from './core-link';
import type { NeedingRequest, RobotStop } from './notice-decider';
import { INITIAL_STATUS, type DesktopStatus } from './tray-model';
import type { SetTimer } from './update-gate';

export interface DesktopWatchOptions {
  link: Pick<CoreLink, 'call' | 'onEvent' | 'onState' | 'failure'>;
  onStatus(status: DesktopStatus): void;
  /** Requests that newly need a person, by the in-page alert's own rule (renderer/src/clerk/newly-needing.ts). */
  onNeedsPerson(requests: NeedingRequest[]): void;
  onRobotStopped(stop: RobotStop): void;
  setTimer: SetTimer;
  now(): Date;
  log(line: string): void;
  /** Events come in bursts (a robot's workers, a sync page): one look after the burst (default 300 ms). */
  settleMs?: number;
  /** A look now and then, for what no event announces (a night drawing near; default one minute). */
  everyMs?: number;
}

/** The same question the navigation's 手動対応 count and the in-page alert ask (renderer/src/clerk/use-needs-person.ts). */
const NEEDS_PERSON_ARGS = { status: ['needs_manual'], completed: false, sort: { field: 'updatedAt', direction: 'desc' }, page: 1, pageSize: 50 };

const WATCHED_EVENTS = new Set(['robot.changed', 'loc.changed', 'night.settingsChanged', 'shop.settingsChanged', 'sync.completed']);

interface RobotStatusReply {
  available?: boolean;
  running?: boolean;
  workers?: Array<{ requestId: number | null }>;
}

/**
 * The main process's view of the core for the tray and the notifications: it asks the core
 * (robot.status, night.get, loc.list) when an event says something changed, and reports what
 * the robot and the requests needing a person are now. It also notices a robot that stopped
 * without staff asking: the night's end (`robot.stoppedByItself`), a core that could not start
 * again, or one that started again after a crash and is not running the robot any more.
 */
export function watchDesktop(options: DesktopWatchOptions): () => void {
  const { link } = options;
  const settleMs = options.settleMs ?? 300;
  const everyMs = options.everyMs ?? 60_000;
  const newlyNeeding = createNewlyNeeding();
  let status: DesktopStatus = INITIAL_STATUS;
  let calls = 0;
  let cancelSettle: (() => void) | null = null;
  let cancelEvery: (() => void) | null = null;
  let looking = false;
  let lookAgain = false;
  // The robot was running when the core went away; said when the next core is found not running it.
  let lostWhileRunning = false;
  let ended = false;

  const set = (next: DesktopStatus) => {
    status = next;
    options.onStatus(next);
  };

  async function call<T>(name: string, args: object): Promise<T> {
    calls += 1;
    const reply = JSON.parse(await link.call(JSON.stringify({ id: `desktop-${calls}`, name, args }))) as { result?: T; error?: { message: string } };
    if (reply.error || reply.result === undefined) throw new Error(reply.error?.message ?? 'no answer');
    return reply.result;
  }

  async function look(): Promise<void> {
    if (looking) {
      lookAgain = true;
      return;
    }
    looking = true;
    try {
      const [robot, night, waiting] = await Promise.all([
        call<RobotStatusReply>('robot.status', {}),
        call<{ window: { enabled: boolean; start: string }; tonight: unknown }>('night.get', {}),
        call<{ total: number; items: Array<{ id: number; updatedAt: string; memberDisplayName?: string | null }> }>('loc.list', NEEDS_PERSON_ARGS),
      ]);
      if (ended || status.core !== 'open') return;
      const running = robot.running === true;
      set({
        ...status,
        robot: { available: robot.available === true, running, busyWorkers: (robot.workers ?? []).filter((w) => w.requestId !== null).length },
        night: { enabled: night.window.enabled, start: night.window.start, tonight: night.tonight !== null },
        needsPerson: waiting.total,
      });
      if (lostWhileRunning) {
        lostWhileRunning = false;
        if (!running) options.onRobotStopped({ cause: 'core-restarted', at: options.now().toISOString() });
      }
      const fresh = newlyNeeding(waiting.items);
      if (fresh.length > 0) {
        const byId = new Map(waiting.items.map((row) => [row.id, row]));
        options.onNeedsPerson(fresh.map((row) => ({ id: row.id, updatedAt: row.updatedAt, memberDisplayName: byId.get(row.id)?.memberDisplayName ?? null })));
      }
    } catch (error) {
      // The core went away while it answered: the next core's 'open' looks again.
      if (status.core === 'open') options.log(`desktop: the core's state could not be read (${(error as Error).message})`);
    } finally {
      looking = false;
      if (lookAgain && !ended) {
        lookAgain = false;
        void look();
      }
    }
  }

  function soon(): void {
    if (cancelSettle || ended || status.core !== 'open') return;
    cancelSettle = options.setTimer(() => {
      cancelSettle = null;
      void look();
    }, settleMs);
  }

  function every(): void {
    cancelEvery = options.setTimer(() => {
      if (ended) return;
      if (status.core === 'open') void look();
      every();
    }, everyMs);
  }

  const offState = link.onState((state) => {
    if (state === 'open') {
      set({ ...status, core: 'open' });
      void look();
      return;
    }
    const wasRunning = status.core === 'open' && status.robot?.running === true;
    const failure = state === 'closed' ? link.failure() : null;
    set({ ...status, core: failure !== null ? 'failed' : 'starting', robot: null });
    if (!wasRunning) return;
    if (failure !== null) options.onRobotStopped({ cause: 'core-failed', at: options.now().toISOString() });
    else lostWhileRunning = true;
  });

  const offEvent = link.onEvent((text) => {
    let message: { event?: unknown; payload?: { cause?: unknown; workLeft?: unknown; at?: unknown } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    const { payload } = message;
    if (message.event === 'robot.stoppedByItself' && payload?.cause === 'night-ended' && typeof payload.workLeft === 'number' && typeof payload.at === 'string') {
      options.onRobotStopped({ cause: 'night-ended', workLeft: payload.workLeft, at: payload.at });
    }
    if (typeof message.event === 'string' && WATCHED_EVENTS.has(message.event)) soon();
  });

  every();
  return () => {
    ended = true;
    offState();
    offEvent();
    cancelSettle?.();
    cancelEvery?.();
  };
}
