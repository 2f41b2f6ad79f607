import { isAppUrl } from './app-url';

/** What the main process knows about where an IPC message came from. */
export interface IpcSender {
  /** The sending webContents. */
  webContentsId: number;
  /** The URL of the frame that sent it; null when the frame is already gone. */
  frameUrl: string | null;
  /** Whether that frame is its page's top frame. */
  isMainFrame: boolean;
}

/**
 * Only the app's own windows, from their top frame, showing the app's own origin may use the
 * API. Navigation away is denied anyway; this holds even if something slipped past that guard
 * (an injected iframe, a window the app did not open).
 */
export function isTrustedSender(sender: IpcSender, isAppWindow: (webContentsId: number) => boolean): boolean {
  return sender.isMainFrame && isAppWindow(sender.webContentsId) && isAppUrl(sender.frameUrl);
}
