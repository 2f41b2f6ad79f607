import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { TantoBridge, TantoBridgeWindow } from '../core/api/types';
import { CALL_CHANNEL, EVENT_CHANNEL, LANGUAGE_CHANNEL, OPEN_CHANNEL, STATE_CHANNEL, TRACE_CHANNEL, UPDATE_CHANNEL } from './channels';

/**
 * The whole of what the renderer gets from Electron: functions that carry JSON text, one that
 * asks for a step's trace in a window of its own and one that names the chosen language. No
 * ipcRenderer, no channel names, no Node. Each subscription wraps the page's listener in a
 * function of its own, because a listener that crossed the context bridge is a new proxy each
 * time and could not be removed by identity.
 */
const bridge: TantoBridge = {
  call: (envelope) => ipcRenderer.invoke(CALL_CHANNEL, String(envelope)) as Promise<string>,
  openTrace: (stepId) => ipcRenderer.invoke(TRACE_CHANNEL, Number(stepId)) as Promise<'opened' | 'gone' | 'failed'>,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, text: unknown) => {
      if (typeof text === 'string') listener(text);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => void ipcRenderer.off(EVENT_CHANNEL, forward);
  },
  onConnectionChange(listener) {
    let pushed = false;
    const forward = (_event: IpcRendererEvent, state: unknown) => {
      pushed = true;
      listener(String(state));
    };
    ipcRenderer.on(STATE_CHANNEL, forward);
    // A change pushed while the question was on its way is newer than the answer.
    ipcRenderer.invoke(STATE_CHANNEL).then(
      (state: unknown) => pushed || listener(String(state)),
      () => pushed || listener('closed'),
    );
    return () => void ipcRenderer.off(STATE_CHANNEL, forward);
  },
  onUpdate(listener) {
    let pushed = false;
    const forward = (_event: IpcRendererEvent, notice: unknown) => {
      pushed = true;
      if (typeof notice === 'string') listener(notice);
    };
    ipcRenderer.on(UPDATE_CHANNEL, forward);
    ipcRenderer.invoke(UPDATE_CHANNEL).then(
      (notice: unknown) => pushed || (typeof notice === 'string' && listener(notice)),
      () => undefined,
    );
    return () => void ipcRenderer.off(UPDATE_CHANNEL, forward);
  },
  onOpen(listener) {
    const forward = (_event: IpcRendererEvent, target: unknown) => {
      if (typeof target === 'string') listener(target);
    };
    ipcRenderer.on(OPEN_CHANNEL, forward);
    // A notification clicked while this window was opening waits in the main process for it.
    ipcRenderer.invoke(OPEN_CHANNEL).then(
      (target: unknown) => typeof target === 'string' && listener(target),
      () => undefined,
    );
    return () => void ipcRenderer.off(OPEN_CHANNEL, forward);
  },
  setLanguage: (language) => void ipcRenderer.invoke(LANGUAGE_CHANNEL, String(language)).catch(() => undefined),
};

contextBridge.exposeInMainWorld('tanto' satisfies keyof TantoBridgeWindow, bridge);
