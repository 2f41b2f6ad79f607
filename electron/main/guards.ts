import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';

/**
 * Every webContents stays on the app's origin: navigation elsewhere, new windows and <webview>
 * are refused. Applied to each webContents as it is created, not only to the app window.
 */
export function guardWebContents(contents: WebContents, log: (line: string) => void): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log(`Refused navigation to ${JSON.stringify(url.slice(0, 200))}`);
  };
  contents.on('will-navigate', (event, url) => refuseForeign(event, url));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event, url) => refuseForeign(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log(`Refused a new window for ${JSON.stringify(url.slice(0, 200))}`);
    return { action: 'deny' };
  });
}

/** The app needs no camera, notifications from the web, USB or anything else a page may ask for. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
