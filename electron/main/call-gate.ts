import { MAX_CALL_BYTES } from '../core-process/protocol';
import type { CoreLink } from './core-link';
import { isTrustedSender, type IpcSender } from './sender-check';

export type GateResult = { ok: true; text: string } | { ok: false; reply: string };

/**
 * What the main process checks before a call goes to the core: the sender, that the envelope
 * is text, and its size. Refusals are replies in the API's own shape (id null: the envelope is
 * not read), so the renderer shows them like any other error.
 */
export function gateCall(sender: IpcSender, payload: unknown, isAppWindow: (webContentsId: number) => boolean): GateResult {
  if (!isTrustedSender(sender, isAppWindow)) {
    return refuse('unauthorized', 'Calls are accepted only from the Tanto window itself.');
  }
  if (typeof payload !== 'string') return refuse('invalid_argument', 'A call must be sent as JSON text.');
  if (Buffer.byteLength(payload) > MAX_CALL_BYTES) {
    return refuse('invalid_argument', `The call is larger than ${MAX_CALL_BYTES} bytes.`);
  }
  return { ok: true, text: payload };
}

function refuse(kind: 'unauthorized' | 'invalid_argument', message: string): GateResult {
  return { ok: false, reply: JSON.stringify({ id: null, error: { kind, message } }) };
}

/** The IPC call handler's whole work: check, then relay to the core; resolves with the reply text. */
export function relayCall(
  link: Pick<CoreLink, 'call'>,
  sender: IpcSender,
  payload: unknown,
  isAppWindow: (webContentsId: number) => boolean,
): Promise<string> {
  const gate = gateCall(sender, payload, isAppWindow);
  return gate.ok ? link.call(gate.text) : Promise.resolve(gate.reply);
}
