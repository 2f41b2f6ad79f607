import { CloudError, createCloudClient } from '../sync/cloud-client';
import type { CloudTestResult } from './types';

const TEST_TIMEOUT_MS = 10_000;

/**
 * settings.testCloud: asks the cloud for the first change of the feed with the token, as sync
 * would, and says in staff's terms what came of it. The token travels only in the request's
 * Authorization header; nothing returned or logged carries it.
 */
export async function testCloud(baseUrl: string, token: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<CloudTestResult> {
  const client = createCloudClient({ baseUrl, token, timeoutMs: options.timeoutMs ?? TEST_TIMEOUT_MS, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const host = hostOf(baseUrl);
  try {
    await client.getChanges(0, 1);
    return { outcome: 'ok', reason: null };
  } catch (error) {
    if (!(error instanceof CloudError)) throw error;
    if (error.status === 401 || error.status === 403) return { outcome: 'tokenRefused', reason: { code: 'cloudTokenRefused', params: { host } } };
    if (error.status === null) {
      return error.kind === 'transient'
        ? { outcome: 'unreachable', reason: { code: 'cloudUnreachable', params: { host } } }
        : { outcome: 'notTantoCloud', reason: { code: 'cloudNotTanto', params: { host } } };
    }
    if (error.status >= 500 || error.status === 429 || error.status === 408) {
      return { outcome: 'cloudError', reason: { code: 'cloudError', params: { host, status: error.status } } };
    }
    // A 404 or an answer that is not the feed: the address is some other server.
    return { outcome: 'notTantoCloud', reason: { code: 'cloudNotTanto', params: { host } } };
  }
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}
