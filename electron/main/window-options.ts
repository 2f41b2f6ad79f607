import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The app window, per Electron's security checklist: the renderer runs sandboxed with context
 * isolation and without Node; it reaches the core only through the preload's bridge.
 */
export function appWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'Tanto',
    // Shown once the first paint is ready, so staff never see a blank white window.
    show: false,
    webPreferences: {
      preload: preloadPath,
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
