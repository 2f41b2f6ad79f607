import type { ApiErrorPayload, TantoBridge } from '../../../electron/core/api/types';
import type { CallOutcome, ConnectionState, Transport } from './transport';

/**
 * The Electron shell's transport: the preload's bridge carries the same JSON text as the
 * headless shell's WebSocket, to a core running in its own process. The connection state is
 * that process's: 'connecting' while it starts, 'open' while it serves, 'closed' when it is
 * gone (and again 'connecting' when the main process restarts it).
 */
export function createIpcTransport(bridge: TantoBridge): Transport {
  let nextId = 1;
  let state: ConnectionState = 'connecting';
  let stopEvents: (() => void) | null = null;
  const eventListeners = new Set<(event: string, payload: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const stopStates = bridge.onConnectionChange((reported) => {
    const next = asState(reported);
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  });

  function deliver(text: string): void {
    const event = parseEvent(text);
    if (!event) return;
    for (const listener of eventListeners) listener(event.event, event.payload);
  }

  return {
    async call(name, args) {
      const id = nextId++;
      let text: string;
      try {
        text = JSON.stringify({ id, name, args });
      } catch (error) {
        return { error: { kind: 'invalid_argument', message: `The arguments cannot be sent (${(error as Error).message}).` } };
      }
      let reply: string;
      try {
        reply = await bridge.call(text);
      } catch (error) {
        return unavailable(`The Tanto core is not reachable (${(error as Error).message}).`);
      }
      return outcomeOf(reply, id);
    },
    subscribe(listener) {
      eventListeners.add(listener);
      stopEvents ??= bridge.onEvent(deliver);
      return () => {
        eventListeners.delete(listener);
        if (eventListeners.size === 0) {
          stopEvents?.();
          stopEvents = null;
        }
      };
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    close() {
      stopStates();
      stopEvents?.();
      stopEvents = null;
      eventListeners.clear();
      stateListeners.clear();
    },
  };
}

function asState(value: string): ConnectionState {
  return value === 'open' || value === 'connecting' ? value : 'closed';
}

function unavailable(message: string): CallOutcome {
  return { error: { kind: 'unavailable', message } };
}

/** A reply with another call's id is not this call's answer, whatever it says. */
function outcomeOf(text: string, id: number): CallOutcome {
  let reply: { id?: unknown; result?: unknown; error?: unknown };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return unavailable('The Tanto core sent an unreadable answer.');
    reply = parsed as typeof reply;
  } catch {
    return unavailable('The Tanto core sent an unreadable answer.');
  }
  // Refusals before the envelope is read (sender, size) carry no id.
  if ((reply.id === id || reply.id === null) && isErrorPayload(reply.error)) return { error: reply.error };
  if (reply.id === id && 'result' in reply) return { result: reply.result };
  return unavailable('The Tanto core answered a different call.');
}

function isErrorPayload(value: unknown): value is ApiErrorPayload {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; message?: unknown };
  return typeof v.kind === 'string' && typeof v.message === 'string';
}

function parseEvent(text: string): { event: string; payload: unknown } | null {
  try {
    const parsed = JSON.parse(text) as { event?: unknown; payload?: unknown } | null;
    return parsed && typeof parsed.event === 'string' ? { event: parsed.event, payload: parsed.payload } : null;
  } catch {
    return null;
  }
}
