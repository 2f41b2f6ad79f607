import type http from 'node:http';
import { z } from 'zod';
import type { FaultSettings } from '../shared/faults';
import { readJson, sendJson } from '../shared/http';
import { profileInputSchema } from './profiles';
import type { DeliveredMessage, RecordedRequest } from './recorder';
import { newReplyToken, type LineSandboxState } from './state';

/**
 * The sandbox's own endpoints under /_sandbox: inspection, reset, faults, clock and the friends
 * the demo registers. They are not part of LINE's API and are never recorded as requests.
 */
const faultsSchema = z
  .object({
    latencyMs: z.object({ min: z.number().min(0), max: z.number().min(0) }),
    errorRate: z.number().min(0).max(1),
    outage: z.boolean(),
    outageAfterRequests: z.number().int().min(0).nullable(),
    dropResponsesAfterDelivery: z.number().int().min(0),
  })
  .partial()
  .strict();

const clockSchema = z.object({ advanceSeconds: z.number().min(0) }).strict();
const rateLimitSchema = z.object({ requestsPerSecond: z.number().int().min(1).nullable() }).strict();
const profilesSchema = z.union([z.array(profileInputSchema), z.object({ profiles: z.array(profileInputSchema) })]);
const replyTokenSchema = z.object({ userId: z.string() }).strict();

export async function handleControl(
  state: LineSandboxState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): Promise<void> {
  const route = `${req.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'GET /_sandbox/inspect':
      return sendJson(res, 200, inspect(state));
    case 'POST /_sandbox/reset':
      state.reset();
      return sendJson(res, 200, { ok: true });
    case 'POST /_sandbox/faults':
      return withBody(req, res, faultsSchema, (patch) => {
        const { dropResponsesAfterDelivery, ...shared } = patch;
        if (dropResponsesAfterDelivery !== undefined) state.dropResponsesAfterDelivery = dropResponsesAfterDelivery;
        const settings = state.faults.set(shared);
        sendJson(res, 200, { ...settings, dropResponsesAfterDelivery: state.dropResponsesAfterDelivery });
      });
    case 'POST /_sandbox/clock':
      return withBody(req, res, clockSchema, ({ advanceSeconds }) => {
        state.clock.advance(advanceSeconds * 1_000);
        sendJson(res, 200, { now: state.clock.now().toISOString() });
      });
    case 'POST /_sandbox/rate-limit':
      return withBody(req, res, rateLimitSchema, ({ requestsPerSecond }) => {
        state.limiter.setLimit(requestsPerSecond);
        sendJson(res, 200, { requestsPerSecond });
      });
    case 'POST /_sandbox/profiles':
      return withBody(req, res, profilesSchema, (input) => {
        const added = state.profiles.add(Array.isArray(input) ? input : input.profiles);
        sendJson(res, 200, { added: added.length, total: state.profiles.size() });
      });
    case 'POST /_sandbox/reply-tokens':
      return withBody(req, res, replyTokenSchema, ({ userId }) => {
        if (state.profiles.get(userId) === undefined) return sendJson(res, 404, { message: 'Not found' });
        sendJson(res, 200, { replyToken: issueReplyToken(state, userId) });
      });
    default:
      return sendJson(res, 404, { message: 'Not found' });
  }
}

export interface SandboxInspection {
  now: string;
  delivered: DeliveredMessage[];
  /** The X-Line-Retry-Key values LINE would still answer 409 to. */
  retryKeys: string[];
  requests: RecordedRequest[];
  droppedRequests: number;
  followers: number;
  faults: FaultSettings & { dropResponsesAfterDelivery: number };
  rateLimitPerSecond: number | null;
}

export function inspect(state: LineSandboxState): SandboxInspection {
  return {
    now: state.clock.now().toISOString(),
    delivered: state.recorder.deliveries(),
    retryKeys: state.retryKeys.entries(state.clock.now().getTime()).map(([key]) => key),
    requests: state.recorder.requests(),
    droppedRequests: state.recorder.droppedRequests(),
    followers: state.profiles.followerIds().length,
    faults: { ...state.faults.settings(), dropResponsesAfterDelivery: state.dropResponsesAfterDelivery },
    rateLimitPerSecond: state.limiter.limit(),
  };
}

/** A reply token stands in for the one LINE puts in a webhook event when the user writes. */
export function issueReplyToken(state: LineSandboxState, userId: string): string {
  const token = newReplyToken();
  state.replyTokens.set(token, userId);
  return token;
}

async function withBody<T>(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  schema: z.ZodType<T>,
  use: (value: T) => void,
): Promise<void> {
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
