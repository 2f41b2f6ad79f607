import type { z } from 'zod';
import { changesPage, type ChangesPage } from './change-schemas';
import {
  leaseResponse,
  mutationResponse,
  releaseResponse,
  usageResponse,
  type Lease,
  type MutationOperation,
  type MutationResult,
} from './mutation-schemas';

/**
 * transient: worth retrying later (network, timeout, 5xx, 429).
 * permanent: retrying the same request will not help (other 4xx, a response that breaks the contract).
 */
export type CloudErrorKind = 'transient' | 'permanent';

export class CloudError extends Error {
  override readonly name = 'CloudError';
  constructor(
    readonly kind: CloudErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export type LeaseOutcome = { granted: true; lease: Lease } | { granted: false; code: string; message: string };

export interface CloudClient {
  getChanges(since: number, limit: number): Promise<ChangesPage>;
  postMutations(operations: MutationOperation[]): Promise<MutationResult[]>;
  /** A conflict (someone else holds it) is an answer, not an error. */
  takeLease(requestId: number, holder: string, ttlSeconds: number): Promise<LeaseOutcome>;
  /** Not granted means the lease expired or was taken: stop working on the request. */
  renewLease(requestId: number, leaseId: string, ttlSeconds: number): Promise<LeaseOutcome>;
  releaseLease(requestId: number, leaseId: string): Promise<boolean>;
  /** The shop's billed successes, every workstation's, on the Japan days from `from` up to but not including `to`. */
  getUsage(from: string, to: string): Promise<number>;
}

export interface CloudClientOptions {
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** A typed client for cloud-api.yaml. Nothing it throws or returns carries the token. */
export function createCloudClient(options: CloudClientOptions): CloudClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  // Whatever the server or the network stack says goes into messages; the token must not.
  const redact = (text: string) => (options.token.length > 0 ? text.split(options.token).join('[redacted]') : text);

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
    const what = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new CloudError('transient', timedOut ? `${what}: the cloud did not answer within ${timeoutMs} ms` : `${what}: the cloud could not be reached (${redact(describe(error))})`);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new CloudError('transient', `${what}: the connection dropped while reading the answer (${redact(describe(error))})`, response.status);
    }
    let json: unknown = undefined;
    if (text.length > 0) {
      try {
        json = JSON.parse(text);
      } catch {
        if (response.ok) throw new CloudError('permanent', `${what}: the cloud answered with something that is not JSON`, response.status);
      }
    }
    return { status: response.status, json };
  }

  function fail(what: string, status: number, json: unknown): never {
    const body = (json ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof body.code === 'string' ? body.code : null;
    const said = typeof body.message === 'string' ? `: ${redact(body.message.slice(0, 300))}` : '';
    const transient = status >= 500 || status === 429 || status === 408;
    const hint = status === 401 || status === 403 ? ' (check the cloud token in settings)' : '';
    throw new CloudError(transient ? 'transient' : 'permanent', `${what} failed with HTTP ${status}${said}${hint}`, status, code);
  }

  function parse<S extends z.ZodType>(what: string, schema: S, json: unknown): z.output<S> {
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : '';
      throw new CloudError('permanent', `${what}: the cloud's answer does not follow the API${where}`);
    }
    return parsed.data;
  }

  async function leaseCall(what: string, path: string, body: unknown): Promise<LeaseOutcome> {
    const { status, json } = await request('POST', path, body);
    if (status === 409) {
      const error = (json ?? {}) as { code?: unknown; message?: unknown };
      return {
        granted: false,
        code: typeof error.code === 'string' ? error.code : 'conflict',
        message: typeof error.message === 'string' ? redact(error.message) : 'the lease is held by another workstation',
      };
    }
    if (status !== 200) fail(what, status, json);
    return { granted: true, lease: parse(what, leaseResponse, json) };
  }

  return {
    async getChanges(since, limit) {
      const what = 'GET /v1/changes';
      const { status, json } = await request('GET', `/v1/changes?since=${since}&limit=${limit}`);
      if (status !== 200) fail(what, status, json);
      return parse(what, changesPage, json);
    },
    async postMutations(operations) {
      const what = 'POST /v1/mutations';
      const { status, json } = await request('POST', '/v1/mutations', { operations });
      if (status !== 200) fail(what, status, json);
      return parse(what, mutationResponse, json).results as MutationResult[];
    },
    takeLease: (requestId, holder, ttlSeconds) =>
      leaseCall('take lease', `/v1/loc-requests/${requestId}/lease`, { holder, ttlSeconds }),
    renewLease: (requestId, leaseId, ttlSeconds) =>
      leaseCall('renew lease', `/v1/loc-requests/${requestId}/lease/renew`, { leaseId, ttlSeconds }),
    async getUsage(from, to) {
      const what = 'GET /v1/usage';
      const { status, json } = await request('GET', `/v1/usage?${new URLSearchParams({ from, to })}`);
      if (status !== 200) fail(what, status, json);
      return parse(what, usageResponse, json).successes;
    },
    async releaseLease(requestId, leaseId) {
      const what = 'release lease';
      const { status, json } = await request('POST', `/v1/loc-requests/${requestId}/lease/release`, { leaseId });
      if (status !== 200) fail(what, status, json);
      return parse(what, releaseResponse, json).released;
    },
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'unknown error';
}
