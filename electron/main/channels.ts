/** IPC channel names shared by the main process and the preload. */
export const CALL_CHANNEL = 'tanto:call';
export const EVENT_CHANNEL = 'tanto:event';
export const STATE_CHANNEL = 'tanto:state';
export const TRACE_CHANNEL = 'tanto:open-trace';
export const UPDATE_CHANNEL = 'tanto:update';
/** Main → page: open a request or the 手動対応 list (a notification or the tray was clicked); the page also asks for one waiting. */
export const OPEN_CHANNEL = 'tanto:open';
/** Page → main: the language staff chose, for the tray and the notifications. */
export const LANGUAGE_CHANNEL = 'tanto:language';
