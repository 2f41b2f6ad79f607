import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, protocol, session, utilityProcess, type WebContents } from 'electron';
import { serveAppFile } from './app-files';
import { APP_USER_MODEL_ID } from './app-identity';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './app-url';
import { coreChildEnv, takeTokensFromEnv } from './core-env';
import { createCoreLink } from './core-link';
import { superviseCore, type CoreSupervisor } from './core-supervisor';
import { limitPermissions, guardWebContents } from './guards';
import { serveApiOverIpc } from './ipc';
import { logEachLine } from './log-lines';
import { appLog, logLine, secrets as logSecrets } from './logging';
import { scrubbedStore } from './scrubbed-store';
import { updateNotices } from './update-notices';
import { coreWorkHold } from './update-idle';
import { startUpdates } from './updater';
import { openSafeStorageStore } from './safe-storage-store';
import { watchPower } from './power-events';
import { createTraceWindows } from './trace-window';
import { startTrayAndNotices } from './tray-and-notices';
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
// The installer carries the tray's icons as resources/tray (electron-builder.yml's extraResources).
const TRAY_ICONS = app.isPackaged ? path.join(process.resourcesPath, 'tray') : path.join(here, '..', 'resources', 'tray');

const log = logLine;

// Both must happen before the app is ready.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// Windows shows this app's notifications only under the id its Start menu shortcut carries (app-identity.ts).
app.setAppUserModelId(APP_USER_MODEL_ID);

const windows = new Set<BrowserWindow>();
const traces = createTraceWindows();
const notices = updateNotices();
let sessionEnding = (): void => undefined;
let inTray = (): boolean => false;
const appContents = (): WebContents[] => [...windows].map((window) => window.webContents);

if (!app.requestSingleInstanceLock()) {
  // A second start only brings the running app forward (see 'second-instance').
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, log, (url) => isAppUrl(url) || traces.allows(contents, url)));
  app.on('second-instance', () => void showWindow());
  // Closing the window leaves the app in the tray: the robot and the night go on, and the tray's menu quits.
  app.on('window-all-closed', () => {
    if (!inTray()) app.quit();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  limitPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppFile(RENDERER_DIR, request.url));

  const link = createCoreLink();
  const presence = startTrayAndNotices({
    link,
    iconDir: TRAY_ICONS,
    showWindow,
    hasWindow: () => windows.size > 0,
    windowFocused: () => [...windows].some((window) => !window.isDestroyed() && window.isFocused()),
    quit: () => app.quit(),
    log,
  });
  inTray = presence.inTray;
  app.on('before-quit', () => presence.stop());
  serveApiOverIpc({
    link,
    appContents,
    openTrace: (trace) => traces.open(trace),
    updates: notices,
    takeOpen: presence.takeOpen,
    setLanguage: presence.setLanguage,
  });
  watchPower(link, log);
  const dataDir = process.env.TANTO_DATA_DIR ?? app.getPath('userData');
  const secrets = scrubbedStore(openSafeStorageStore(log), (value) => logSecrets.addSecret(value));
  await takeTokensFromEnv(process.env, secrets, log);
  const core = superviseCore({
    fork: (args) => {
      const child = utilityProcess.fork(CORE_ENTRY, args, { serviceName: 'Tanto core', stdio: 'pipe', env: coreChildEnv(process.env) });
      logEachLine(child.stdout, (line) => appLog.info(`core: ${line}`));
      logEachLine(child.stderr, (line) => appLog.warn(`core: ${line}`));
      return child;
    },
    dataDir,
    // The installer ships Chromium under resources/chromium (README: the Windows installer).
    coreArgs: app.isPackaged ? ['--bundled-browser', path.join(process.resourcesPath, 'chromium', 'chrome.exe')] : [],
    link,
    secrets,
    log,
  });
  stopCoreBeforeQuit(core);
  // An unpackaged app has no app-update.yml and nothing to update.
  if (app.isPackaged) {
    const updates = startUpdates({ core: coreWorkHold(link, log), onNotice: notices.set, log: appLog });
    sessionEnding = () => updates.gate.sessionEnding();
    app.on('before-quit', () => updates.stop());
  }

  await openWindow();
  app.on('activate', () => void showWindow());
}

/** The app's window brought forward, or a new one when it was closed to the tray. */
async function showWindow(): Promise<BrowserWindow> {
  const [window] = windows;
  if (!window) return openWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
  return window;
}

async function openWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow(appWindowOptions(PRELOAD));
  windows.add(window);
  window.on('closed', () => windows.delete(window));
  // Windows is logging off or shutting down: no installer may start now (update-gate.ts).
  window.on('query-session-end', () => sessionEnding());
  window.on('session-end', () => sessionEnding());
  window.once('ready-to-show', () => window.show());
  await window.loadURL(APP_ENTRY_URL);
  return window;
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
