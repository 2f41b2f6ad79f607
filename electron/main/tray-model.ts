import { desktopMessages, type DesktopLanguage } from './desktop-messages';

/** What the main process knows of the core and its robot, gathered by desktop-status.ts. */
export interface DesktopStatus {
  core: 'starting' | 'open' | 'failed';
  /** Null until the core has answered robot.status. */
  robot: { available: boolean; running: boolean; busyWorkers: number } | null;
  /** Night mode as night.get answers it: whether it is on, when it starts, and whether a night is under way. */
  night: { enabled: boolean; start: string; tonight: boolean } | null;
  /** Open requests that need a person (the navigation's 手動対応 count). */
  needsPerson: number;
}

export const INITIAL_STATUS: DesktopStatus = { core: 'starting', robot: null, night: null, needsPerson: 0 };

/** The tray's icons, drawn by scripts/make-icon.ts into resources/tray/ and shipped beside the app. */
export const TRAY_ICONS = ['running', 'stopped', 'attention'] as const;
export type TrayIconName = (typeof TRAY_ICONS)[number];
export type TrayAction = 'start-robot' | 'stop-robot' | 'open-window' | 'open-needs-person' | 'quit';

export type TrayItem = { kind: 'label'; label: string } | { kind: 'action'; label: string; action: TrayAction; enabled: boolean } | { kind: 'separator' };

export interface TrayView {
  tooltip: string;
  icon: TrayIconName;
  items: TrayItem[];
}

/** Windows cuts a tray tooltip at 127 characters. */
const TOOLTIP_MAX = 127;

/** The robot's state in staff's words: working, idle, stopped, waiting for the night, or why it cannot run. */
export function robotLine(status: DesktopStatus, language: DesktopLanguage): string {
  const say = desktopMessages(language);
  if (status.core === 'failed') return say.coreFailed;
  if (status.core === 'starting' || !status.robot) return say.coreStarting;
  const { robot, night } = status;
  if (!robot.available) return say.robotUnavailable;
  if (robot.running) return robot.busyWorkers > 0 ? say.robotWorking : say.robotIdle;
  if (night?.enabled && !night.tonight) return say.robotNightWaiting(night.start);
  return say.robotStopped;
}

/**
 * The tray's tooltip and menu for a status: the robot's state and the requests needing a person
 * first (as labels), then what staff can do from the tray. Start and stop are offered only when
 * the core can do them, so a click never answers with an error nobody sees.
 */
export function trayView(status: DesktopStatus, language: DesktopLanguage): TrayView {
  const say = desktopMessages(language);
  const line = robotLine(status, language);
  const open = status.core === 'open' && status.robot !== null;
  const running = open && status.robot?.running === true;
  const attention = status.needsPerson > 0;
  const tooltip = [say.app, line, ...(attention ? [say.needsPerson(status.needsPerson)] : [])].join(' — ').slice(0, TOOLTIP_MAX);
  const items: TrayItem[] = [
    { kind: 'label', label: line },
    ...(attention ? [{ kind: 'action', label: say.openNeedsPerson(status.needsPerson), action: 'open-needs-person', enabled: true } as const] : []),
    { kind: 'separator' },
    { kind: 'action', label: say.startRobot, action: 'start-robot', enabled: open && status.robot?.available === true && !running },
    { kind: 'action', label: say.stopRobot, action: 'stop-robot', enabled: running },
    { kind: 'separator' },
    { kind: 'action', label: say.openWindow, action: 'open-window', enabled: true },
    { kind: 'action', label: say.quit, action: 'quit', enabled: true },
  ];
  return { tooltip, icon: attention || status.core === 'failed' ? 'attention' : running ? 'running' : 'stopped', items };
}
