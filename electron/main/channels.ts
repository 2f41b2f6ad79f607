/** IPC channel names shared by the main process and the preload. */
export const CALL_CHANNEL = 'tanto:call';
export const EVENT_CHANNEL = 'tanto:event';
export const STATE_CHANNEL = 'tanto:state';
export const TRACE_CHANNEL = 'tanto:open-trace';
export const UPDATE_CHANNEL = 'tanto:update';
