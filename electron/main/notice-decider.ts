import { desktopMessages, type DesktopLanguage } from './desktop-messages';
import type { SetTimer } from './update-gate';

/** A request that newly needs a person, as loc.list answers it. */
export interface NeedingRequest {
  id: number;
  updatedAt: string;
  memberDisplayName: string | null;
}

/** The robot stopped without staff asking, as the core reports it. */
export type RobotStop =
  /** The night window ended with requests still waiting (`robot.stoppedByItself`). */
  | { cause: 'night-ended'; workLeft: number; at: string }
  /** The core could not start again (a damaged replica, no shop): nothing runs until staff look. */
  | { cause: 'core-failed'; at: string }
  /** The core ended under a running robot and, started again, is not running it (outside the night window). */
  | { cause: 'core-restarted'; at: string };

/** Where a click on a notification takes staff. */
export type NoticeTarget = { kind: 'request'; id: number } | { kind: 'needs-person' } | { kind: 'window' };

export interface Notice {
  title: string;
  body: string;
  target: NoticeTarget;
}

export interface NoticeDeciderOptions {
  show(notice: Notice): void;
  /** A focused window shows its own in-page alert: nothing is shown by Windows then. */
  windowFocused(): boolean;
  language(): DesktopLanguage;
  setTimer: SetTimer;
  /** How long to gather what arrives together into one notification (default 2 s). */
  batchMs?: number;
}

export interface NoticeDecider {
  needsPerson(requests: readonly NeedingRequest[]): void;
  robotStopped(stop: RobotStop): void;
  stop(): void;
}

/**
 * Which Windows notifications to show. Each event is shown at most once (a request by its id and
 * the time it changed, so one reopened and handed over again is a new event; a stop by its cause
 * and time); what arrives within `batchMs` is one notification (「3件のLOC申請が対応を待っています」,
 * opening the dashboard's 手動対応 list); nothing is shown while a window of the app is focused,
 * and what arrived then is not shown later either.
 */
export function createNoticeDecider(options: NoticeDeciderOptions): NoticeDecider {
  const batchMs = options.batchMs ?? 2_000;
  const seen = new Set<string>();
  let requests: NeedingRequest[] = [];
  let stops: RobotStop[] = [];
  let cancel: (() => void) | null = null;
  let stopped = false;

  function later(): void {
    if (cancel || stopped) return;
    cancel = options.setTimer(() => {
      cancel = null;
      flush();
    }, batchMs);
  }

  function flush(): void {
    const gathered = { requests, stops };
    requests = [];
    stops = [];
    if (options.windowFocused()) return;
    const say = desktopMessages(options.language());
    const [first] = gathered.requests;
    if (first && gathered.requests.length === 1) {
      options.show({
        title: say.needsPersonOne(first.id),
        body: first.memberDisplayName ? say.needsPersonBody(first.memberDisplayName) : '',
        target: { kind: 'request', id: first.id },
      });
    } else if (gathered.requests.length > 1) {
      options.show({ title: say.needsPersonMany(gathered.requests.length), body: say.needsPersonManyBody, target: { kind: 'needs-person' } });
    }
    // Of several stops gathered together only the last says how things are now.
    const stop = gathered.stops.at(-1);
    if (stop) {
      const body = stop.cause === 'night-ended' ? say.nightEndedBody(stop.workLeft) : stop.cause === 'core-restarted' ? say.coreRestartedBody : say.coreFailedBody;
      options.show({ title: stop.cause === 'core-failed' ? say.coreFailedTitle : say.robotStoppedTitle, body, target: { kind: 'window' } });
    }
  }

  return {
    needsPerson(incoming) {
      for (const request of incoming) {
        const key = `request:${request.id}@${request.updatedAt}`;
        if (seen.has(key)) continue;
        seen.add(key);
        requests.push(request);
      }
      if (requests.length > 0) later();
    },
    robotStopped(stop) {
      const key = `stop:${stop.cause}@${stop.at}`;
      if (seen.has(key) || (stop.cause === 'night-ended' && stop.workLeft === 0)) return;
      seen.add(key);
      stops.push(stop);
      later();
    },
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
