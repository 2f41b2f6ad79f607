import { dispatch, parseEnvelope, type CallReply } from '../headless/envelope';
import type { Api } from '../core/api/registry';
import type { EventBus } from '../core/events';
import { MAX_CALL_BYTES, parseToCore, type FromCore } from './protocol';

export interface CoreHostOptions {
  api: Api;
  events: EventBus;
  /** Sends to the main process (Electron's parentPort in the core process). */
  post(message: FromCore): void;
  /** The main process asked the core to stop: close it, then post `stopped`. */
  onStop(): void;
  log?: (line: string) => void;
}

export interface CoreHost {
  /** Handles one message from the main process; never throws. */
  receive(message: unknown): Promise<void>;
  close(): void;
}

/**
 * Serves the core's API to the main process: each call is parsed and dispatched exactly as the
 * headless shell does it (electron/headless/envelope.ts), and every core event is forwarded.
 * The envelope is checked here again although the main process already looked at it, because
 * this is the process boundary the core trusts.
 */
export function createCoreHost(options: CoreHostOptions): CoreHost {
  const log = options.log ?? ((line: string) => console.error(line));

  const unsubscribe = options.events.onAny((event, payload) => {
    const text = serialise({ event, payload });
    if (text === null) log(`Event ${event} could not be serialised; not forwarded.`);
    else options.post({ kind: 'event', text });
  });

  return {
    async receive(raw) {
      const message = parseToCore(raw);
      if (!message) {
        // Only the main process talks to this port, and it has no id to answer; say so in the log.
        log('Ignored a message from the main process that is not part of the protocol.');
        return;
      }
      if (message.kind === 'stop') {
        options.onStop();
        return;
      }
      // Answers to the core's own secret requests are read by the secret bridge, not here.
      if (message.kind === 'secret-reply') return;
      const reply = await replyTo(options.api, message.text);
      options.post({ kind: 'reply', seq: message.seq, text: replyText(reply) });
    },
    close: unsubscribe,
  };
}

async function replyTo(api: Api, text: string): Promise<CallReply> {
  if (Buffer.byteLength(text) > MAX_CALL_BYTES) {
    return { id: null, error: { kind: 'invalid_argument', message: `The call is larger than ${MAX_CALL_BYTES} bytes.` } };
  }
  const parsed = parseEnvelope(text);
  return parsed.ok ? dispatch(api, parsed.envelope) : parsed.reply;
}

/** A result JSON cannot carry (a BigInt, a cycle) is the handler's bug; the caller gets `internal`. */
function replyText(reply: CallReply): string {
  return (
    serialise(reply) ??
    JSON.stringify({ id: reply.id, error: { kind: 'internal', message: 'The result could not be serialised; see the log for details.' } })
  );
}

function serialise(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}
