import type { TantoBridgeWindow } from '../../../electron/core/api/types';
import { base64Blob } from './download';

/** Where the headless shell serves Playwright's trace viewer, on the renderer's own origin. */
const VIEWER = '/trace-viewer/index.html';

/**
 * How a trace opens: the desktop app opens it in a window of its own (its `app://` scheme has
 * no service worker for the viewer, so the main process serves the viewer on a loopback origin
 * of its own); the headless shell serves the viewer beside the renderer, in a new tab.
 */
export type TraceViewerKind = 'window' | 'tab' | null;

export function traceViewerKind(): TraceViewerKind {
  if (desktopOpenTrace()) return 'window';
  const protocol = globalThis.location?.protocol;
  return protocol === 'http:' || protocol === 'https:' ? 'tab' : null;
}

function desktopOpenTrace() {
  return (globalThis as typeof globalThis & TantoBridgeWindow).tanto?.openTrace;
}

/** Asks the desktop app to open the step's trace; it fetches the trace from the core itself. */
export function openTraceWindow(stepId: number): Promise<'opened' | 'gone' | 'failed'> {
  const open = desktopOpenTrace();
  return open ? open(stepId) : Promise.resolve('failed');
}

export interface TraceTab {
  /** Hands the trace to the viewer once it says it is ready. */
  load(base64: string, mime: string): void;
  close(): void;
}

/**
 * Opens the viewer in answer to the click itself (before the trace has arrived), so no pop-up
 * blocker stands between the clerk and it. The trace goes to the viewer the way its own page
 * offers (a `load` message with the file, after it posts `ready` to its opener), never as a URL
 * the shell would serve: the bytes came through the API with its token.
 */
export function openTraceViewer(): TraceTab | null {
  const tab = window.open(new URL(VIEWER, window.location.href).toString(), '_blank');
  if (!tab) return null;
  let trace: Blob | null = null;
  let ready = false;
  const send = () => {
    if (ready && trace) tab.postMessage({ method: 'load', params: { trace } }, window.location.origin);
  };
  const onMessage = (event: MessageEvent) => {
    if (event.source !== tab || event.origin !== window.location.origin) return;
    if ((event.data as { method?: unknown } | null)?.method !== 'ready') return;
    window.removeEventListener('message', onMessage);
    ready = true;
    send();
  };
  window.addEventListener('message', onMessage);
  return {
    load(base64, mime) {
      trace = base64Blob(base64, mime);
      send();
    },
    close() {
      window.removeEventListener('message', onMessage);
      tab.close();
    },
  };
}
