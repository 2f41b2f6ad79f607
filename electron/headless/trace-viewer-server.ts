import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendText } from './headers';
import { createStaticFiles } from './static-files';
import { traceViewerDir, traceViewerHeaders } from './trace-viewer';

/** One open trace: the page to load, its origin (navigation is held to it), and how to end it. */
export interface TraceViewerSession {
  /** The viewer with the trace to load, under this open's own unguessable path. */
  url: string;
  /** `http://127.0.0.1:<port>`: nothing else may be navigated to from the viewer. */
  origin: string;
  close(): Promise<void>;
}

const TRACE_FILE = 'trace.zip';

/**
 * Serves Playwright's trace viewer and one trace from 127.0.0.1, on a port chosen now, under a
 * path nobody can guess, for as long as its window is open. The desktop app's own scheme has no
 * service worker, which the viewer needs to read a trace; an http origin of its own has, and
 * holds nothing but this trace and the viewer: a page elsewhere on the PC cannot find the path,
 * a rebinding name is refused by its Host check, and the bytes vanish when the session closes.
 * Used by the desktop shell's trace window; plain Node, so it is tested like the headless shell.
 */
export async function serveTraceViewer(trace: Uint8Array): Promise<TraceViewerSession> {
  const secret = randomBytes(24).toString('base64url');
  const prefix = `/${secret}/`;
  const viewer = createStaticFiles(traceViewerDir());
  const headers = traceViewerHeaders();
  let host = '';

  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.headers.host !== host) return sendText(res, 421, 'Misdirected request.');
    if (!pathname.startsWith(prefix)) return sendText(res, 404, 'Not found.');
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('cache-control', 'no-store');
    const rest = pathname.slice(prefix.length);
    if (rest === TRACE_FILE) {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': trace.byteLength });
      res.end(req.method === 'HEAD' ? undefined : trace);
      return;
    }
    viewer.serve(req, res, `/${rest}`).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'The trace viewer could not be read.');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;
  const traceUrl = `${origin}${prefix}${TRACE_FILE}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${origin}${prefix}index.html?${new URLSearchParams({ trace: traceUrl })}`,
    origin,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
