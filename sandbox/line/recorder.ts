import type http from 'node:http';

/**
 * What the sandbox saw and what it delivered, for tests and the conformance check. The
 * Authorization header is never kept; only its scheme is, so a test can tell that the client
 * sent a bearer token without the token being stored anywhere.
 */
export interface RecordedRequest {
  requestId: string;
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  authScheme: string | null;
  body: unknown;
  /** null until answered; 0 when the sandbox dropped the connection instead of answering. */
  status: number | null;
}

export interface DeliveredMessage {
  requestId: string;
  via: 'push' | 'reply';
  to: string;
  messages: unknown[];
  retryKey: string | null;
  notificationDisabled: boolean;
  at: string;
}

/** Old requests are dropped past this many, so a long demo run does not grow without bound. */
export const MAX_RECORDED_REQUESTS = 10_000;

export interface Recorder {
  request(req: http.IncomingMessage, requestId: string, at: Date): RecordedRequest;
  delivered(message: DeliveredMessage): void;
  requests(): RecordedRequest[];
  deliveries(): DeliveredMessage[];
  droppedRequests(): number;
  /** Deliveries of an earlier run put back first (the demo keeps them); requests are not kept. */
  restoreDeliveries(kept: readonly DeliveredMessage[]): void;
  reset(): void;
}

export function createRecorder(): Recorder {
  let requests: RecordedRequest[] = [];
  let deliveries: DeliveredMessage[] = [];
  let dropped = 0;
  return {
    request(req, requestId, at) {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const entry: RecordedRequest = {
        requestId,
        at: at.toISOString(),
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: headersWithoutAuthorization(req.headers),
        authScheme: authScheme(req.headers.authorization),
        body: null,
        status: null,
      };
      requests.push(entry);
      if (requests.length > MAX_RECORDED_REQUESTS) {
        requests.shift();
        dropped += 1;
      }
      return entry;
    },
    delivered(message) {
      deliveries.push(message);
    },
    requests: () => structuredClone(requests),
    deliveries: () => structuredClone(deliveries),
    droppedRequests: () => dropped,
    restoreDeliveries(kept) {
      deliveries = [...structuredClone(kept), ...deliveries];
    },
    reset() {
      requests = [];
      deliveries = [];
      dropped = 0;
    },
  };
}

function headersWithoutAuthorization(headers: http.IncomingHttpHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || value === undefined) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

function authScheme(header: string | undefined): string | null {
  if (header === undefined) return null;
  const scheme = header.trim().split(/\s+/, 1)[0];
  return scheme === undefined || scheme === '' ? null : scheme;
}
