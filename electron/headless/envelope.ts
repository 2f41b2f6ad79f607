import { z } from 'zod';
import type { Api, CallOutcome } from '../core/api/registry';

/** What every transport carries: `{id, name, args}` in, `{id, result} | {id, error}` out. */
const callEnvelope = z.object({
  id: z.union([z.string().max(200), z.number().finite()]),
  name: z.string().min(1).max(200),
  args: z.unknown().optional(),
});

export type CallEnvelope = z.output<typeof callEnvelope>;
export type CallReply = { id: CallEnvelope['id'] | null } & CallOutcome;

export type ParsedEnvelope = { ok: true; envelope: CallEnvelope } | { ok: false; reply: CallReply };

export function parseEnvelope(text: string): ParsedEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return malformed(null, 'The request body is not valid JSON.');
  }
  const parsed = callEnvelope.safeParse(json);
  if (!parsed.success) {
    return malformed(idOf(json), `Malformed call: ${z.prettifyError(parsed.error)}`);
  }
  return { ok: true, envelope: parsed.data };
}

export async function dispatch(api: Api, envelope: CallEnvelope): Promise<CallReply> {
  const outcome = await api.call(envelope.name, envelope.args);
  return { id: envelope.id, ...outcome };
}

function malformed(id: CallEnvelope['id'] | null, message: string): ParsedEnvelope {
  return { ok: false, reply: { id, error: { kind: 'invalid_argument', message } } };
}

/** Echo the caller's id when it is usable, so a client can still match the error to its call. */
function idOf(json: unknown): CallEnvelope['id'] | null {
  if (typeof json !== 'object' || json === null || !('id' in json)) return null;
  const id = (json as { id: unknown }).id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  if (typeof id === 'string' && id.length <= 200) return id;
  return null;
}
