import type http from 'node:http';
import { z } from 'zod';
import { readJson, sendJson } from '../shared/http';
import { inspect } from './inspection';
import { applySeed, SeedError, seedInputSchema } from './seed-input';
import type { EcforceState } from './state';

/**
 * The sandbox's own endpoints under /_sandbox: inspection, reset, seed, faults, clock and
 * session expiry. They are not part of the admin site and are never recorded as POSTs.
 */
export const faultsSchema = z
  .object({
    latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }),
    errorRate: z.number().min(0).max(1),
    outage: z.boolean(),
    outageAfterRequests: z.number().int().min(0).nullable(),
    expireSessionEveryRequests: z.number().int().min(1).nullable(),
    layout: z.enum(['standard', 'variant']),
    failAfterCommit: z.number().int().min(0),
  })
  .partial()
  .strict();

const clockSchema = z.object({ advanceSeconds: z.number().min(0) }).strict();
const idleTimeoutSchema = z.object({ minutes: z.number().positive() }).strict();

export async function handleControl(state: EcforceState, req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> {
  switch (`${req.method ?? 'GET'} ${path}`) {
    case 'GET /_sandbox/inspect':
      return sendJson(res, 200, inspect(state));
    case 'POST /_sandbox/reset':
      state.reset();
      return sendJson(res, 200, { ok: true });
    case 'POST /_sandbox/faults':
      return withBody(req, res, faultsSchema, (patch) => sendJson(res, 200, state.faults.set(patch)));
    case 'POST /_sandbox/seed':
      return withBody(req, res, seedInputSchema, (input) => {
        try {
          sendJson(res, 200, applySeed(state.store, input, state.clock.now()));
        } catch (error) {
          if (!(error instanceof SeedError)) throw error;
          sendJson(res, 400, { message: error.message });
        }
      });
    case 'POST /_sandbox/clock':
      return withBody(req, res, clockSchema, ({ advanceSeconds }) => {
        state.clock.advance(advanceSeconds * 1_000);
        sendJson(res, 200, { now: state.clock.now().toISOString() });
      });
    case 'POST /_sandbox/idle-timeout':
      return withBody(req, res, idleTimeoutSchema, ({ minutes }) => {
        state.idleTimeoutMs = minutes * 60_000;
        sendJson(res, 200, { minutes });
      });
    case 'POST /_sandbox/expire-sessions':
      return sendJson(res, 200, { expired: state.sessions.expireAll() });
    default:
      return sendJson(res, 404, { message: 'Not found' });
  }
}

async function withBody<T>(req: http.IncomingMessage, res: http.ServerResponse, schema: z.ZodType<T>, use: (value: T) => void): Promise<void> {
  let raw: unknown;
  try {
    raw = await readJson(req);
  } catch {
    return sendJson(res, 400, { message: 'The request body could not be parsed as JSON' });
  }
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    return sendJson(res, 400, {
      message: `The request body has ${parsed.error.issues.length} error(s)`,
      details: parsed.error.issues.map((issue) => ({ message: issue.message, property: issue.path.join('.') })),
    });
  }
  use(parsed.data);
}
