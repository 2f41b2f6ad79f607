import type { CoreLink } from './core-link';

/** What the desktop offers for night mode, filled in from Electron by power-events.ts. */
export interface NightPowerPorts {
  onSuspend(listener: () => void): void;
  onResume(listener: () => void): void;
  /** Keeps Windows from sleeping the PC while the robot works ('prevent-app-suspension'); returns the blocker's id. */
  keepAwake(): number;
  letSleep(id: number): void;
  /** Starts the app when staff log in to Windows (app.setLoginItemSettings). */
  setOpenAtLogin(on: boolean): void;
}

type Link = Pick<CoreLink, 'call' | 'onEvent' | 'onState'>;

/**
 * Night mode's desktop half, kept free of Electron so it can be tested: the PC's sleep and wake
 * go to the core (power.suspend / power.resume), the PC is kept awake exactly while the robot
 * runs, and starting at login follows the core's setting. Returns the function that stops
 * listening to the core.
 */
export function wireNightPower(link: Link, ports: NightPowerPorts, log: (line: string) => void): () => void {
  let calls = 0;
  const call = async (name: string): Promise<unknown> => {
    calls += 1;
    const reply = JSON.parse(await link.call(JSON.stringify({ id: `night-power-${calls}`, name, args: {} }))) as { result?: unknown; error?: { message: string } };
    if (reply.error) throw new Error(reply.error.message);
    return reply.result;
  };
  const tell = (name: string) => call(name).catch((error: unknown) => log(`${name} failed: ${(error as Error).message}`));

  let blocker: number | null = null;
  const robotRunning = (running: boolean) => {
    if (running && blocker === null) blocker = ports.keepAwake();
    if (!running && blocker !== null) {
      ports.letSleep(blocker);
      blocker = null;
    }
  };

  ports.onSuspend(() => void tell('power.suspend'));
  ports.onResume(() => void tell('power.resume'));
  const offEvent = link.onEvent((text) => {
    const message = readEvent(text);
    if (message?.event === 'robot.changed') robotRunning(message.payload.running === true);
    if (message?.event === 'night.settingsChanged') ports.setOpenAtLogin(message.payload.startAtLogin === true);
  });
  // A core (re)started: it may already be running the robot for tonight, and its setting is the one to follow.
  const offState = link.onState((state) => {
    if (state === 'open') {
      void call('robot.status').then((status) => robotRunning((status as { running?: boolean }).running === true), () => undefined);
      void call('night.get').then((settings) => ports.setOpenAtLogin((settings as { startAtLogin?: boolean }).startAtLogin === true), () => undefined);
    } else {
      robotRunning(false);
    }
  });
  return () => {
    offEvent();
    offState();
    robotRunning(false);
  };
}

function readEvent(text: string): { event: string; payload: Record<string, unknown> } | null {
  try {
    const parsed = JSON.parse(text) as { event?: unknown; payload?: unknown };
    return typeof parsed.event === 'string' && typeof parsed.payload === 'object' && parsed.payload !== null
      ? { event: parsed.event, payload: parsed.payload as Record<string, unknown> }
      : null;
  } catch {
    return null;
  }
}
