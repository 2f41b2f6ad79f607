import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, protocol, session, utilityProcess, type WebContents } from 'electron';
import { serveAppFile } from './app-files';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './app-url';
import { createCoreLink } from './core-link';
import { superviseCore, type CoreSupervisor } from './core-supervisor';
import { limitPermissions, guardWebContents } from './guards';
import { serveApiOverIpc } from './ipc';
import { watchPower } from './power-events';
import { createTraceWindows } from './trace-window';
import { appWindowOptions } from './window-options';

/**
 * The Electron shell's main process, kept thin: it serves the renderer build on app://tanto,
 * runs the core in a utility process and relays the API between the two. It never opens the
 * replica itself, so no synchronous SQLite work can freeze a window.
 *
 * Bundled next to preload.cjs and core-process.js in dist-electron/ (npm run build:electron).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const PRELOAD = path.join(here, 'preload.cjs');
const CORE_ENTRY = path.join(here, 'core-process.js');
const RENDERER_DIR = path.join(here, '..', 'renderer', 'dist');

const log = (line: string) => console.log(line);

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const windows = new Set<BrowserWindow>();
const traces = createTraceWindows();
const appContents = (): WebContents[] => [...windows].map((window) => window.webContents);

if (!app.requestSingleInstanceLock()) {
  // A second start only brings the running app forward (see 'second-instance').
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log, (url) => isAppUrl(url) || traces.allows(contents, url)));
  app.on('second-instance', () => {
    const [window] = windows;
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  limitPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppFile(RENDERER_DIR, request.url));

  const link = createCoreLink();
  serveApiOverIpc({ link, appContents, openTrace: (trace) => traces.open(trace) });
  watchPower(link, log);
  const dataDir = process.env.TANTO_DATA_DIR ?? app.getPath('userData');
  const core = superviseCore({
    fork: (args) => utilityProcess.fork(CORE_ENTRY, args, { serviceName: 'Tanto core', stdio: 'inherit' }),
    dataDir,
    link,
    log,
  });
  stopCoreBeforeQuit(core);

  await openWindow();
  app.on('activate', () => {
    if (windows.size === 0) void openWindow();
  });
}

async function openWindow(): Promise<void> {
  const window = new BrowserWindow(appWindowOptions(PRELOAD));
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
}

/** The replica is closed by the core itself (checkpoint, backups stopped) before the app exits. */
function stopCoreBeforeQuit(core: CoreSupervisor): void {
  let stopped = false;
  let stopping: Promise<void> | undefined;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    stopping ??= core.stop().then(() => {
      stopped = true;
      app.quit();
    });
  });
}
