import type { UpdateNotice } from '../core/api/types';

/** What the core says is under way (the `app.idle` API call). */
export interface IdleReport {
  robotStepInFlight: boolean;
  syncSending: boolean;
}

/** Runs `run` after `ms`; returns what cancels it. Injected so tests drive time themselves. */
export type SetTimer = (run: () => void, ms: number) => () => void;

export interface UpdateGateOptions {
  /**
   * Holds the core from beginning new work (no robot step begins) and then says what is still
   * under way (app.holdForUpdate); a rejection counts as busy (ask again later). Asked again
   * while waiting, it answers anew; the hold stays until the installer runs or `release`.
   */
  hold(): Promise<IdleReport>;
  /** The update was abandoned (withdrawn, failed to start, the session ending, the gate stopped): the core goes on. */
  release(): void;
  /** Quits and runs the downloaded installer (electron-updater's quitAndInstall); throws when it cannot. */
  install(): void;
  onNotice(notice: UpdateNotice): void;
  setTimer: SetTimer;
  /** How long to wait before asking the core again while it is busy (default 5 s). */
  retryMs?: number;
}

export interface UpdateGate {
  available(version: string): void;
  progress(percent: number): void;
  /** The installer is downloaded: it runs at the first moment the core is idle. */
  downloaded(version: string): void;
  /**
   * A later check finds no release to take (the release was pulled: latest.yml points back or its
   * stagingPercentage went to 0): an update downloaded but not yet started is dropped.
   */
  withdrawn(): void;
  /** The check, the download or starting the installer failed; nothing is waiting to be installed. */
  failed(): void;
  /**
   * Windows is logging off or shutting down (query-session-end, session-end): an installer
   * killed half-way by the shutdown can leave the app uninstalled, so none is started from now
   * on. The downloaded update is found again at the next start.
   */
  sessionEnding(): void;
  notice(): UpdateNotice;
  stop(): void;
}

const NONE: UpdateNotice = { phase: 'none', version: null, percent: null, waitingFor: null };

/**
 * When the desktop app installs its update. electron-updater's own rule (install on quit) is
 * off: quitting while a robot step drives the cart or a batch of operations is on its way to the
 * cloud would cut them short, and Windows ending the session would kill the installer. So the
 * update, once downloaded, waits for a moment when the core reports no step in flight and no
 * batch being sent, and never starts once the session is ending. The core is held before it is
 * asked, so no step can begin between its answer and the installer starting; the hold is
 * released whenever the update is abandoned instead.
 */
export function createUpdateGate(options: UpdateGateOptions): UpdateGate {
  const retryMs = options.retryMs ?? 5_000;
  let notice: UpdateNotice = NONE;
  let ending = false;
  let stopped = false;
  let cancelRetry: (() => void) | null = null;
  let asking = false;
  let holding = false;

  function release(): void {
    if (!holding) return;
    holding = false;
    options.release();
  }

  function show(next: UpdateNotice): void {
    if (next.phase === notice.phase && next.version === notice.version && next.percent === notice.percent && next.waitingFor === notice.waitingFor) return;
    notice = next;
    options.onNotice(next);
  }

  function clearRetry(): void {
    cancelRetry?.();
    cancelRetry = null;
  }

  function retryLater(): void {
    clearRetry();
    if (stopped || ending) return;
    cancelRetry = options.setTimer(() => {
      cancelRetry = null;
      void tryInstall();
    }, retryMs);
  }

  async function tryInstall(): Promise<void> {
    if (stopped || ending || asking || notice.phase !== 'ready') return;
    asking = true;
    holding = true;
    let report: IdleReport | null;
    try {
      report = await options.hold();
    } catch {
      report = null;
    } finally {
      asking = false;
    }
    // The session may have begun to end, or the gate stopped or the release withdrawn, while the core answered.
    if (stopped || ending || notice.phase !== 'ready') return release();
    if (!report || report.robotStepInFlight || report.syncSending) {
      show({ ...notice, waitingFor: !report || report.robotStepInFlight ? 'robot' : 'sync' });
      return retryLater();
    }
    show({ ...notice, phase: 'installing', waitingFor: null });
    // The hold now lasts until the app has quit for the installer: nothing may release it, not
    // even the gate stopped by the quit that install() itself begins.
    holding = false;
    try {
      options.install();
    } catch {
      // The installer did not start: the core goes on, and the update is looked for again at the next check.
      holding = true;
      release();
      show(NONE);
    }
  }

  return {
    available(version) {
      if (notice.phase === 'ready' || notice.phase === 'installing') return;
      show({ phase: 'available', version, percent: null, waitingFor: null });
    },
    progress(percent) {
      if (notice.phase === 'ready' || notice.phase === 'installing') return;
      show({ phase: 'downloading', version: notice.version, percent: Math.max(0, Math.min(100, Math.floor(percent))), waitingFor: null });
    },
    downloaded(version) {
      if (notice.phase === 'installing') return;
      // Found again by a later check while waiting: what it waits for has not changed.
      const waitingFor = ending ? 'session-end' : notice.phase === 'ready' && notice.version === version ? notice.waitingFor : null;
      show({ phase: 'ready', version, percent: 100, waitingFor });
      void tryInstall();
    },
    withdrawn() {
      if (notice.phase === 'installing') return;
      clearRetry();
      release();
      show(NONE);
    },
    failed() {
      // A failed check for a newer release leaves the one already downloaded waiting.
      if (notice.phase === 'ready') return;
      clearRetry();
      release();
      show(NONE);
    },
    sessionEnding() {
      ending = true;
      clearRetry();
      release();
      if (notice.phase === 'ready') show({ ...notice, waitingFor: 'session-end' });
    },
    notice: () => notice,
    stop() {
      stopped = true;
      clearRetry();
      release();
    },
  };
}
