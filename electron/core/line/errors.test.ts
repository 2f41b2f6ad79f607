import { inspect } from 'node:util';
import { HTTPFetchError } from '@line/bot-sdk';
import { describe, expect, it } from 'vitest';
import { kindForStatus, LineError, TimeoutError, toLineError } from './errors';

const token = 'tok_SECRET_3f9a';

function httpError(status: number, body: unknown): HTTPFetchError {
  return new HTTPFetchError(`${status}`, {
    status,
    statusText: 'x',
    headers: new Headers({ 'x-line-request-id': 'req-1' }),
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('error classification', () => {
  it.each([
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient'],
    [429, 'transient'],
    [400, 'permanent'],
    [401, 'permanent'],
    [403, 'permanent'],
    [404, 'permanent'],
    [409, 'permanent'],
    [413, 'permanent'],
  ] as const)('HTTP %i is %s', (status, kind) => {
    expect(kindForStatus(status)).toBe(kind);
    expect(toLineError('push', httpError(status, { message: 'x' }), token).kind).toBe(kind);
  });

  it('keeps LINE message, details and request id', () => {
    const error = toLineError(
      'push',
      httpError(400, { message: 'The request body has 1 error(s)', details: [{ message: 'May not be empty', property: 'to' }] }),
      token,
    );
    expect(error).toBeInstanceOf(LineError);
    expect(error.message).toBe('LINE push failed with HTTP 400: The request body has 1 error(s) (to: May not be empty)');
    expect(error.details).toEqual([{ message: 'May not be empty', property: 'to' }]);
    expect(error.requestId).toBe('req-1');
    expect(error.status).toBe(400);
  });

  it('treats network failures and timeouts as transient', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(toLineError('profile', refused, token)).toMatchObject({ kind: 'transient', reason: 'network' });
    expect(toLineError('profile', refused, token).message).toContain('ECONNREFUSED');
    expect(toLineError('profile', new TimeoutError(10), token)).toMatchObject({ kind: 'transient', reason: 'timeout' });
  });

  it('scrubs the token even if something upstream echoed it', () => {
    const echoed = toLineError('push', httpError(400, { message: `bad token ${token}` }), token);
    const network = toLineError('push', new TypeError(`fetch failed for ${token}`), token);
    for (const error of [echoed, network]) {
      for (const rendering of [error.message, String(error), error.stack ?? '', inspect(error), JSON.stringify(error)]) {
        expect(rendering).not.toContain(token);
      }
    }
  });

  it('survives a non-JSON error body', () => {
    expect(toLineError('push', httpError(502, '<html>bad gateway</html>'), token).message).toBe('LINE push failed with HTTP 502');
  });
});
