import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callApi, request, startTestShell, syncStatus, type TestShell } from './test-fixture';

let shell: TestShell;

beforeEach(async () => {
  shell = await startTestShell();
});
afterEach(async () => {
  await shell.close();
});

describe('headless shell: start', () => {
  it('listens on 127.0.0.1 and prints the token only in the URL fragment', () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/#token=${shell.token}`);
    expect(shell.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(shell.logs).toEqual([`Tanto headless shell is ready: ${shell.url}`]);
  });

  it('leaves printing the URL to the caller when asked', async () => {
    const quiet = await startTestShell({ announceUrl: false });
    try {
      await callApi(quiet.port, quiet.token, { id: 1, name: 'math.add', args: { a: 1, b: 1 } }, { origin: 'http://evil.example' });
      expect(quiet.logs.some((line) => line.includes(quiet.token))).toBe(false);
    } finally {
      await quiet.close();
    }
  });

  it('uses a fresh token on every start unless one is given', async () => {
    const other = await startTestShell();
    const fixed = await startTestShell({ token: 'a'.repeat(40) });
    try {
      expect(other.token).not.toBe(shell.token);
      expect(fixed.token).toBe('a'.repeat(40));
    } finally {
      await other.close();
      await fixed.close();
    }
  });

  it('refuses a given token that is too short', async () => {
    await expect(startTestShell({ token: 'short' })).rejects.toThrow(/too short/);
  });

  it('does not answer on other interfaces', async () => {
    const address = shell.url.replace(/^http:\/\/([^/]+)\/.*$/, '$1');
    expect(address).toBe(`127.0.0.1:${shell.port}`);
    // localhost may resolve to ::1 first; the shell binds IPv4 loopback only.
    await expect(connect('::1', shell.port)).rejects.toThrow();
  });
});

describe('headless shell: POST /api/call', () => {
  it('returns the handler result with the token', async () => {
    const res = await callApi(shell.port, shell.token, { id: 1, name: 'math.add', args: { a: 2, b: 3 } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ id: 1, result: { sum: 5 } });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('passes through results of handlers that use the core', async () => {
    const res = await callApi(shell.port, shell.token, { id: 'a', name: 'sync.status', args: {} });
    expect(JSON.parse(res.body)).toEqual({ id: 'a', result: syncStatus });
  });

  it('refuses a call without the token or with a wrong one', async () => {
    const envelope = { id: 1, name: 'math.add', args: { a: 1, b: 1 } };
    for (const authorization of [undefined, `Bearer ${'x'.repeat(43)}`, `Bearer ${shell.token}x`, `Basic ${shell.token}`, shell.token]) {
      const res = await callApi(shell.port, null, envelope, authorization === undefined ? {} : { authorization });
      expect(res.status, authorization ?? 'none').toBe(401);
      expect(JSON.parse(res.body)).toMatchObject({ error: { kind: 'unauthorized' } });
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
  });

  it('answers invalid arguments with invalid_argument and status 200', async () => {
    const res = await callApi(shell.port, shell.token, { id: 2, name: 'math.add', args: { a: 'two' } });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body);
    expect(body).toMatchObject({ id: 2, error: { kind: 'invalid_argument' } });
    expect(body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'a' })]));
  });

  it('carries handler errors and unknown names in the body', async () => {
    const conflict = await callApi(shell.port, shell.token, { id: 3, name: 'loc.claim', args: { id: 7 } });
    expect(conflict.status).toBe(200);
    expect(JSON.parse(conflict.body)).toEqual({
      id: 3,
      error: { kind: 'conflict', message: 'LOC request 7 is leased by another workstation.' },
    });
    const unknown = await callApi(shell.port, shell.token, { id: 4, name: 'nope.nothing', args: {} });
    expect(JSON.parse(unknown.body)).toMatchObject({ id: 4, error: { kind: 'not_found' } });
  });

  it('answers a malformed envelope with 400', async () => {
    for (const [body, id] of [
      ['{not json', null],
      [JSON.stringify({ id: 5, args: {} }), 5],
      [JSON.stringify({ name: 'math.add', args: {} }), null],
      [JSON.stringify([1, 2]), null],
      ['', null],
    ] as const) {
      const res = await callApi(shell.port, shell.token, body);
      expect(res.status, body).toBe(400);
      expect(JSON.parse(res.body), body).toMatchObject({ id, error: { kind: 'invalid_argument' } });
    }
  });

  it('refuses a body above the limit with 413', async () => {
    const small = await startTestShell({ maxBodyBytes: 1024 });
    try {
      const big = { id: 1, name: 'math.add', args: { a: 1, b: 2, pad: 'x'.repeat(4096) } };
      const declared = await callApi(small.port, small.token, big);
      expect(declared.status).toBe(413);
      const chunked = await callApi(small.port, small.token, big, { 'transfer-encoding': 'chunked' });
      expect(chunked.status).toBe(413);
      const fits = await callApi(small.port, small.token, { id: 2, name: 'math.add', args: { a: 1, b: 2 } });
      expect(JSON.parse(fits.body)).toEqual({ id: 2, result: { sum: 3 } });
    } finally {
      await small.close();
    }
  });

  it('answers other methods with 405 and unknown API paths with 404', async () => {
    const get = await request(shell.port, { path: '/api/call', headers: { authorization: `Bearer ${shell.token}` } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const other = await request(shell.port, { method: 'POST', path: '/api/other', headers: { authorization: `Bearer ${shell.token}` } });
    expect(other.status).toBe(404);
  });
});

describe('headless shell: Host and Origin', () => {
  const envelope = { id: 1, name: 'math.add', args: { a: 1, b: 1 } };

  it('refuses a foreign Origin before looking at the token', async () => {
    for (const origin of ['http://evil.example', `http://evil.example:${shell.port}`, 'null', `https://127.0.0.1:${shell.port}`, `http://127.0.0.1:${shell.port + 1}`]) {
      const res = await callApi(shell.port, shell.token, envelope, { origin });
      expect(res.status, origin).toBe(403);
    }
    const page = await request(shell.port, { path: '/', headers: { origin: 'http://evil.example' } });
    expect(page.status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) on API and static paths', async () => {
    for (const host of [`evil.example:${shell.port}`, 'evil.example', `127.0.0.1:${shell.port + 1}`, '127.0.0.1', `0.0.0.0:${shell.port}`]) {
      const api = await callApi(shell.port, shell.token, envelope, { host });
      expect(api.status, host).toBe(403);
      const page = await request(shell.port, { path: '/', headers: { host } });
      expect(page.status, host).toBe(403);
      expect(page.body).not.toContain('Tanto</title>');
    }
  });

  it('refuses a request without a Host header', async () => {
    const reply = await rawExchange(shell.port, 'GET / HTTP/1.0\r\n\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 403 /);
  });

  it('accepts both loopback names with a matching Origin', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const res = await callApi(shell.port, shell.token, envelope, { host: `${name}:${shell.port}`, origin: `http://${name}:${shell.port}` });
      expect(res.status, name).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ id: 1, result: { sum: 2 } });
    }
  });

  it('logs refusals without the token', async () => {
    await callApi(shell.port, shell.token, envelope, { origin: 'http://evil.example' });
    await callApi(shell.port, `${shell.token}x`, envelope);
    const withToken = shell.logs.filter((line) => line.includes(shell.token));
    expect(withToken).toEqual([`Tanto headless shell is ready: ${shell.url}`]);
    expect(shell.logs.some((line) => line.includes('foreign Host or Origin'))).toBe(true);
  });
});

function connect(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

function rawExchange(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(text));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}
