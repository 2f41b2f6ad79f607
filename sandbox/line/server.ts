import type http from 'node:http';
import type { FaultSettings } from '../shared/faults';
import { listenLoopback, sendJson } from '../shared/http';
import { handleLineApi } from './api-routes';
import { handleControl, inspect, issueReplyToken, type SandboxInspection } from './control-routes';
import { keepLineState, restoreLineState, type LineKeptState } from './kept-state';
import type { SandboxProfile, SandboxProfileInput } from './profiles';
import type { DeliveredMessage, RecordedRequest } from './recorder';
import { createLineSandboxState, newRequestId, type LineSandboxOptions } from './state';

export type { LineSandboxOptions } from './state';
export type { LineKeptState } from './kept-state';

export interface LineSandboxFaults extends Partial<FaultSettings> {
  /** The next N accepted pushes are delivered and then answered by closing the connection. */
  dropResponsesAfterDelivery?: number;
}

export interface LineSandbox {
  url: string;
  port: number;
  /** The token the sandbox accepts as `Authorization: Bearer <token>`. */
  channelToken: string;
  close(): Promise<void>;
  addProfiles(profiles: readonly SandboxProfileInput[]): SandboxProfile[];
  /** Everyone following the account, in the order follower ids are paged. */
  followerIds(): string[];
  /** What a webhook would hand the app when this user writes; usable once with reply. */
  issueReplyToken(userId: string): string;
  delivered(): DeliveredMessage[];
  requests(): RecordedRequest[];
  inspect(): SandboxInspection;
  setFaults(faults: LineSandboxFaults): void;
  setRateLimit(requestsPerSecond: number | null): void;
  advanceClock(seconds: number): void;
  now(): Date;
  reset(): void;
  /** What a kept demo shop's LINE still knows at its next run (deliveries, retry keys). */
  keep(): LineKeptState;
  /** Puts what keep() gave back, into a sandbox just started. */
  restore(kept: LineKeptState): void;
}

/**
 * Starts an imitation of the LINE Messaging API on 127.0.0.1: push (with X-Line-Retry-Key),
 * reply, profile and follower ids, answering as LINE's own OpenAPI document describes.
 *
 * Besides the API it serves, for tests and the demo:
 *   GET  /_sandbox/inspect        delivered messages and every API request received
 *   POST /_sandbox/reset          back to the seeded state, clock and faults included
 *   POST /_sandbox/faults         shared fault settings, plus dropResponsesAfterDelivery
 *   POST /_sandbox/clock          {advanceSeconds}
 *   POST /_sandbox/rate-limit     {requestsPerSecond} (null for none)
 *   POST /_sandbox/profiles       [{userId, displayName, ...}] or {profiles: [...]}
 *   POST /_sandbox/reply-tokens   {userId} -> {replyToken}
 */
export async function startLineSandbox(options: LineSandboxOptions = {}): Promise<LineSandbox> {
  const state = createLineSandboxState(options);

  const handler: http.RequestListener = (req, res) => {
    const requestId = newRequestId();
    // LINE puts a request id on every answer, errors included.
    res.setHeader('x-line-request-id', requestId);
    const path = new URL(req.url ?? '/', 'http://sandbox.invalid').pathname;
    const work = path.startsWith('/_sandbox/')
      ? handleControl(state, req, res, path)
      : handleApiRequest(req, res, requestId);
    work.catch((error: unknown) => {
      console.error('LINE sandbox: unexpected failure', error instanceof Error ? error.message : error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
      else res.destroy();
    });
  };

  const handleApiRequest = (req: http.IncomingMessage, res: http.ServerResponse, requestId: string) => {
    const entry = state.recorder.request(req, requestId, state.clock.now());
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    return handleLineApi(state, req, res, entry);
  };

  const running = await listenLoopback(handler, options.port ?? 0);
  return {
    url: running.url,
    port: running.port,
    channelToken: state.channelToken,
    close: running.close,
    addProfiles: (profiles) => state.profiles.add(profiles),
    followerIds: () => state.profiles.followerIds(),
    issueReplyToken: (userId) => issueReplyToken(state, userId),
    delivered: () => state.recorder.deliveries(),
    requests: () => state.recorder.requests(),
    inspect: () => inspect(state),
    setFaults({ dropResponsesAfterDelivery, ...shared }) {
      if (dropResponsesAfterDelivery !== undefined) state.dropResponsesAfterDelivery = dropResponsesAfterDelivery;
      state.faults.set(shared);
    },
    setRateLimit: (requestsPerSecond) => state.limiter.setLimit(requestsPerSecond),
    advanceClock: (seconds) => state.clock.advance(seconds * 1_000),
    now: () => state.clock.now(),
    reset: () => state.reset(),
    keep: () => keepLineState(state),
    restore: (kept) => restoreLineState(state, kept),
  };
}
