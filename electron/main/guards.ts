import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { permissionAllowed } from './permissions';

/**
 * Every webContents stays on the app's origin: navigation elsewhere, new windows and <webview>
 * are refused. Applied to each webContents as it is created, not only to the app window.
 * `allowed` widens that for a trace window, to its own viewer's origin and nothing more.
 */
export function guardWebContents(contents: WebContents, log: (line: string) => void, allowed: (url: string) => boolean = isAppUrl): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (allowed(url)) return;
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

/** No page may have notifications (the main process shows them), a camera, USB or anything else. */
export function limitPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => callback(permissionAllowed(permission, details.requestingUrl)));
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permissionAllowed(permission, requestingOrigin));
  session.setDevicePermissionHandler(() => false);
}
