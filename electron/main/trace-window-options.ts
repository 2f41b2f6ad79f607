import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * A trace window: Playwright's viewer on its own loopback origin, sandboxed, isolated, without
 * Node and without the preload (it is no page of the app and gets no bridge to the core), in a
 * session of its own that is kept in memory only, so the viewer's service worker and whatever
 * it cached of the trace are gone with the window.
 */
export function traceWindowOptions(partition: string): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: 'Tanto',
    show: false,
    webPreferences: {
      partition,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  };
}

/** A partition name without `persist:`, which Electron keeps in memory only. */
export function traceWindowPartition(id: string): string {
  return `trace-${id}`;
}

/** True when the URL is on exactly that origin (scheme, host and port), with no credentials in it. */
export function isOnOrigin(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === origin && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** What the app window is told about its request to open a trace. */
export type TraceOpenOutcome = 'opened' | 'gone' | 'failed';

/** The trace's bytes from the core's answer to robot.artifact, or why there are none. */
export function traceFromReply(text: string): { trace: Uint8Array } | { outcome: Exclude<TraceOpenOutcome, 'opened'> } {
  let reply: { result?: { base64?: unknown }; error?: { kind?: unknown } };
  try {
    reply = JSON.parse(text) as typeof reply;
  } catch {
    return { outcome: 'failed' };
  }
  if (reply.error) return { outcome: reply.error.kind === 'not_found' ? 'gone' : 'failed' };
  const base64 = reply.result?.base64;
  return typeof base64 === 'string' ? { trace: Buffer.from(base64, 'base64') } : { outcome: 'failed' };
}
