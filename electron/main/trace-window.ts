import { randomUUID } from 'node:crypto';
import { BrowserWindow, session, type WebContents } from 'electron';
import { serveTraceViewer } from '../headless/trace-viewer-server';
import { limitPermissions } from './guards';
import { isOnOrigin, traceWindowOptions, traceWindowPartition } from './trace-window-options';

export interface TraceWindows {
  /** Opens the trace in a window of its own; its server lives exactly as long as the window. */
  open(trace: Uint8Array): Promise<void>;
  /** Whether this webContents is a trace window and the URL is on its viewer's origin. */
  allows(contents: WebContents, url: string): boolean;
}

/**
 * Trace windows. The app's `app://` scheme has no service worker, which Playwright's viewer
 * needs, so each trace gets a loopback server of its own (serveTraceViewer) and a window held
 * to that origin: the navigation guard lets a trace window go nowhere else.
 */
export function createTraceWindows(): TraceWindows {
  const origins = new Map<number, string>();
  return {
    async open(trace) {
      const viewer = await serveTraceViewer(trace);
      const partition = traceWindowPartition(randomUUID());
      const traceSession = session.fromPartition(partition);
      limitPermissions(traceSession);
      const window = new BrowserWindow(traceWindowOptions(partition));
      const id = window.webContents.id;
      origins.set(id, viewer.origin);
      window.on('closed', () => {
        origins.delete(id);
        void viewer.close();
        void traceSession.clearStorageData();
      });
      window.once('ready-to-show', () => window.show());
      try {
        await window.loadURL(viewer.url);
      } catch (error) {
        window.destroy();
        throw error;
      }
    },
    allows(contents, url) {
      const origin = origins.get(contents.id);
      return origin !== undefined && isOnOrigin(url, origin);
    },
  };
}
