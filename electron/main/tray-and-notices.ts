import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { isAppUrl } from './app-url';
import type { CoreLink } from './core-link';
import { isDesktopLanguage, type DesktopLanguage } from './desktop-messages';
import { watchDesktop } from './desktop-watch';
import { createNoticeDecider, type NoticeTarget } from './notice-decider';
import { notificationShower } from './notifications';
import { createOpenRelay } from './open-relay';
import { OPEN_CHANNEL } from './channels';
import { createAppTray } from './tray';
import { INITIAL_STATUS, trayView, type TrayAction } from './tray-model';
import type { SetTimer } from './update-gate';

export interface TrayAndNoticesOptions {
  link: CoreLink;
  /** Where tray-running.ico and its siblings are (resources/tray, beside the packaged app). */
  iconDir: string;
  /** Brings the app's window forward, opening one if none is open. */
  showWindow(): Promise<BrowserWindow>;
  hasWindow(): boolean;
  windowFocused(): boolean;
  quit(): void;
  log(line: string): void;
}

const setTimer: SetTimer = (run, ms) => {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
};

/**
 * Puts together the tray and the Windows notifications: the pure parts decide (desktop-watch.ts,
 * tray-model.ts, notice-decider.ts, open-relay.ts), this file only connects them to Electron.
 */
export function startTrayAndNotices(options: TrayAndNoticesOptions) {
  const { link, log } = options;
  let language: DesktopLanguage = 'ja';
  let status = INITIAL_STATUS;
  let target: BrowserWindow | null = null;
  const relay = createOpenRelay((text) => {
    // Only the app's own page hears it, as with every message the main process sends (ipc.ts).
    if (target && !target.isDestroyed() && isAppUrl(target.webContents.getURL())) target.webContents.send(OPEN_CHANNEL, text);
  });

  const call = (name: string) =>
    link.call(JSON.stringify({ id: `tray-${name}`, name, args: {} })).then((text) => {
      const reply = JSON.parse(text) as { error?: { message: string } };
      if (reply.error) log(`tray: ${name} failed (${reply.error.message})`);
    });

  async function open(to: NoticeTarget): Promise<void> {
    // A window opened now asks for its target once its page is up, so it must wait before the page loads.
    const opening = !options.hasWindow();
    if (opening) relay.open(to, false);
    target = await options.showWindow();
    if (!opening) relay.open(to, true);
  }

  function act(action: TrayAction): void {
    if (action === 'start-robot') void call('robot.start');
    else if (action === 'stop-robot') void call('robot.stop');
    else if (action === 'open-window') void options.showWindow();
    else if (action === 'open-needs-person') void open({ kind: 'needs-person' });
    else options.quit();
  }

  let tray: ReturnType<typeof createAppTray> | null = null;
  try {
    tray = createAppTray(options.iconDir, act);
  } catch (error) {
    // Without a tray the app must not linger windowless: main.ts quits with the last window then.
    log(`tray: the tray icon could not be shown (${(error as Error).message})`);
  }
  const draw = () => tray?.show(trayView(status, language));
  draw();
  const decider = createNoticeDecider({
    show: notificationShower(path.join(options.iconDir, 'tray-running.png'), (to) => void open(to)),
    windowFocused: options.windowFocused,
    language: () => language,
    setTimer,
  });
  const stopWatching = watchDesktop({
    link,
    onStatus: (next) => {
      status = next;
      draw();
    },
    onNeedsPerson: (requests) => decider.needsPerson(requests),
    onRobotStopped: (stop) => decider.robotStopped(stop),
    setTimer,
    now: () => new Date(),
    log,
  });

  return {
    /** Whether the app lives on in the tray once its window is closed. */
    inTray: () => tray !== null,
    setLanguage(next: string): void {
      if (!isDesktopLanguage(next) || next === language) return;
      language = next;
      draw();
    },
    takeOpen: () => relay.take(),
    stop(): void {
      stopWatching();
      decider.stop();
      tray?.destroy();
      tray = null;
    },
  };
}
