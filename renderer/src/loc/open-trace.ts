import { base64Blob } from './download';

/** Where the headless shell serves Playwright's trace viewer, on the renderer's own origin. */
const VIEWER = '/trace-viewer/index.html';

/** The viewer is served beside the renderer over http; the desktop app's own scheme has none. */
export function traceViewerAvailable(): boolean {
  return globalThis.location?.protocol === 'http:' || globalThis.location?.protocol === 'https:';
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
