import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { relayCall } from './call-gate';
import type { UpdateNotice } from '../core/api/types';
import { CALL_CHANNEL, EVENT_CHANNEL, LANGUAGE_CHANNEL, OPEN_CHANNEL, STATE_CHANNEL, TRACE_CHANNEL, UPDATE_CHANNEL } from './channels';
import type { CoreLink } from './core-link';
import { isTrustedSender, type IpcSender } from './sender-check';
import { traceFromReply, type TraceOpenOutcome } from './trace-window-options';

export interface IpcApiOptions {
  link: CoreLink;
  /** The app's own windows' webContents; only they may call and only they hear events. */
  appContents(): WebContents[];
  /** Opens a robot's trace in a window of its own (trace-window.ts). */
  openTrace(trace: Uint8Array): Promise<void>;
  /** The app's update as the windows show it (updater.ts); absent where the app does not update itself. */
  updates?: { current(): UpdateNotice; onChange(listener: (notice: UpdateNotice) => void): () => void };
  /** The target waiting for a window that has just loaded (open-relay.ts), taken once. */
  takeOpen?(): string | null;
  /** The language a window says staff chose. */
  setLanguage?(language: string): void;
}

/**
 * The API over IPC: each call is checked (sender, size) and relayed to the core process; core
 * events and the core's state are sent to the app's windows. Returns the function that stops it.
 */
export function serveApiOverIpc({ link, appContents, openTrace, updates, takeOpen, setLanguage }: IpcApiOptions): () => void {
  const isAppWindow = (id: number) => appContents().some((contents) => contents.id === id);

  ipcMain.handle(CALL_CHANNEL, (event, payload: unknown) => relayCall(link, senderOf(event), payload, isAppWindow));
  ipcMain.handle(STATE_CHANNEL, (event) => (isTrustedSender(senderOf(event), isAppWindow) ? link.state() : 'closed'));
  // The trace is fetched here through the core like any call, so the app window names a step, never a file.
  let traceCalls = 0;
  ipcMain.handle(TRACE_CHANNEL, async (event, stepId: unknown): Promise<TraceOpenOutcome> => {
    if (!isTrustedSender(senderOf(event), isAppWindow) || !Number.isSafeInteger(stepId) || (stepId as number) < 1) return 'failed';
    traceCalls += 1;
    const envelope = JSON.stringify({ id: `trace-window-${traceCalls}`, name: 'robot.artifact', args: { stepId, kind: 'trace' } });
    const answer = traceFromReply(await link.call(envelope));
    if ('outcome' in answer) return answer.outcome;
    try {
      await openTrace(answer.trace);
      return 'opened';
    } catch {
      return 'failed';
    }
  });

  const broadcast = (channel: string, message: string) => {
    for (const contents of appContents()) {
      if (!contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(channel, message);
    }
  };
  const offEvent = link.onEvent((text) => broadcast(EVENT_CHANNEL, text));
  const offState = link.onState((state) => broadcast(STATE_CHANNEL, state));
  ipcMain.handle(UPDATE_CHANNEL, (event) => (isTrustedSender(senderOf(event), isAppWindow) && updates ? JSON.stringify(updates.current()) : null));
  const offUpdate = updates?.onChange((notice) => broadcast(UPDATE_CHANNEL, JSON.stringify(notice)));
  ipcMain.handle(OPEN_CHANNEL, (event) => (isTrustedSender(senderOf(event), isAppWindow) ? (takeOpen?.() ?? null) : null));
  ipcMain.handle(LANGUAGE_CHANNEL, (event, language: unknown) => {
    if (isTrustedSender(senderOf(event), isAppWindow) && typeof language === 'string') setLanguage?.(language);
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(STATE_CHANNEL);
    ipcMain.removeHandler(TRACE_CHANNEL);
    ipcMain.removeHandler(UPDATE_CHANNEL);
    ipcMain.removeHandler(OPEN_CHANNEL);
    ipcMain.removeHandler(LANGUAGE_CHANNEL);
    offEvent();
    offState();
    offUpdate?.();
  };
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}
