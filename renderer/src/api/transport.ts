import type { ApiErrorPayload } from '../../../electron/core/api/types';

/** The outcome of one call as every transport delivers it: never a thrown error. */
export type CallOutcome = { result: unknown } | { error: ApiErrorPayload };

export type ConnectionState = 'connecting' | 'open' | 'closed';

/**
 * What the API client needs from a shell: carry `{name, args}` to the core and core events back.
 * The headless shell uses HTTP and a WebSocket; the Electron shell will use IPC. Pages never see
 * which one they are on.
 */
export interface Transport {
  call(name: string, args: unknown): Promise<CallOutcome>;
  /** Receives every core event; the first subscriber opens the event channel. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
  /** Reports the event channel's state, starting with the current one. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  close(): void;
}
