import { createRequire } from 'node:module';
import path from 'node:path';

/** Where the shell serves Playwright's trace viewer, beside the renderer on the same origin. */
export const TRACE_VIEWER_PREFIX = '/trace-viewer/';

/**
 * Playwright's own trace viewer, as playwright-core ships it (the page `npx playwright show-trace`
 * opens): staff open the robot's trace from the detail pane instead of a command line. It holds no
 * data; the renderer fetches the trace through the API (token and all) and hands the viewer a
 * blob: URL of this origin, which the viewer's service worker reads.
 */
export function traceViewerDir(): string {
  const pkg = createRequire(import.meta.url).resolve('playwright-core/package.json');
  return path.join(path.dirname(pkg), 'lib', 'vite', 'traceViewer');
}

/**
 * The viewer frames its own DOM snapshots (same origin), loads the trace from a blob: URL in its
 * service worker, and styles elements inline, none of which the renderer's policy allows; it still
 * reaches nothing but this origin.
 */
export function traceViewerHeaders(): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "connect-src 'self' blob:",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return { 'content-security-policy': csp, 'x-frame-options': 'SAMEORIGIN' };
}
