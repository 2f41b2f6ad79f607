import type { CallOutcome, ConnectionState, Transport } from './transport';

export interface HttpTransportOptions {
  /** The headless shell's origin, e.g. `http://127.0.0.1:4123`. */
  baseUrl: string;
  token: string;
  fetch?: typeof globalThis.fetch;
  WebSocket?: typeof globalThis.WebSocket;
  /** First reconnect delay; doubles up to `maxReconnectDelayMs`. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
}

/**
 * Calls go over `POST /api/call` with the token as a bearer token; events arrive on the
 * `/api/events` WebSocket, which carries the token as its subprotocol because browsers cannot
 * set headers on a WebSocket. The socket reconnects with backoff while anyone listens.
 */
export function createHttpTransport(options: HttpTransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const firstDelay = options.reconnectDelayMs ?? 1_000;
  const maxDelay = options.maxReconnectDelayMs ?? 30_000;

  let nextId = 1;
  let closed = false;
  let socket: WebSocket | null = null;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = firstDelay;
  let state: ConnectionState = 'closed';
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  }

  function connect(): void {
    if (closed || socket || eventListeners.size === 0) return;
    setState('connecting');
    const ws = new Socket(`${base.replace(/^http/, 'ws')}/api/events`, [`tanto.${options.token}`]);
    socket = ws;
    ws.onopen = () => {
      delay = firstDelay;
      setState('open');
    };
    ws.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (!event) return;
      for (const listener of eventListeners) listener(event.event, event.payload);
    };
    ws.onclose = () => {
      socket = null;
      setState('closed');
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (closed || eventListeners.size === 0 || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  }

  function disconnect(): void {
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const ws = socket;
    socket = null;
    if (ws) {
      ws.onclose = null;
      ws.close();
    }
    setState('closed');
  }

  return {
    async call(name, args) {
      const id = nextId++;
      let response: Response;
      try {
        response = await doFetch(`${base}/api/call`, {
          method: 'POST',
          headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id, name, args }),
          cache: 'no-store',
        });
      } catch (error) {
        return unavailable(`The Tanto service is not reachable (${(error as Error).message}).`);
      }
      if (response.status === 401) {
        return { error: { kind: 'unauthorized', message: 'The access token is missing or no longer valid.' } };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unavailable(`The Tanto service answered ${response.status} without a readable body.`);
      }
      return outcomeOf(body, id, response.status);
    },
    subscribe(listener) {
      eventListeners.add(listener);
      connect();
      return () => {
        eventListeners.delete(listener);
        if (eventListeners.size === 0) disconnect();
      };
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      disconnect();
      eventListeners.clear();
      stateListeners.clear();
    },
  };
}

function unavailable(message: string): CallOutcome {
  return { error: { kind: 'unavailable', message } };
}

function outcomeOf(body: unknown, id: number, status: number): CallOutcome {
  if (typeof body !== 'object' || body === null) return unavailable(`Unexpected answer (${status}).`);
  const reply = body as { id?: unknown; result?: unknown; error?: unknown };
  if ('error' in reply && isErrorPayload(reply.error)) return { error: reply.error };
  if (status === 200 && reply.id === id && 'result' in reply) return { result: reply.result };
  return unavailable(`Unexpected answer (${status}).`);
}

function isErrorPayload(value: unknown): value is Extract<CallOutcome, { error: unknown }>['error'] {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; message?: unknown };
  return typeof v.kind === 'string' && typeof v.message === 'string';
}

function parseEvent(data: unknown): { event: string; payload: unknown } | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = JSON.parse(data) as { event?: unknown; payload?: unknown };
    return typeof parsed.event === 'string' ? { event: parsed.event, payload: parsed.payload } : null;
  } catch {
    return null;
  }
}
