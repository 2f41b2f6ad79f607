import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestShell, type TestShell } from './test-fixture';

let shell: TestShell;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  shell = await startTestShell();
});
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await shell.close();
});

function open(protocols: string[], options: { origin?: string; headers?: Record<string, string>; path?: string } = {}): WebSocket {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}${options.path ?? '/api/events'}`, protocols, {
    origin: options.origin ?? `http://127.0.0.1:${shell.port}`,
    headers: options.headers,
  });
  sockets.push(ws);
  return ws;
}

function opened(ws: WebSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function refusal(ws: WebSocket): Promise<number> {
  return new Promise((resolve, reject) => {
    ws.once('open', () => reject(new Error('the upgrade was accepted')));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', () => {});
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('headless shell: /api/events', () => {
  it('pushes core events to a socket that presents the token as its subprotocol', async () => {
    const ws = open([`tanto.${shell.token}`]);
    await opened(ws);
    expect(ws.protocol).toBe(`tanto.${shell.token}`);
    const message = nextMessage(ws);
    shell.events.emit('sync.completed', { applied: 3, pushed: 1, quarantined: 0, cursor: 45 });
    expect(await message).toEqual({ event: 'sync.completed', payload: { applied: 3, pushed: 1, quarantined: 0, cursor: 45 } });
  });

  it('accepts the localhost origin and the token among other offered protocols', async () => {
    const ws = open(['tanto.v1', `tanto.${shell.token}`], {
      origin: `http://localhost:${shell.port}`,
      headers: { host: `localhost:${shell.port}` },
    });
    await opened(ws);
    expect(ws.protocol).toBe(`tanto.${shell.token}`);
  });

  it('refuses the upgrade without the token or with a wrong one', async () => {
    expect(await refusal(open([]))).toBe(401);
    expect(await refusal(open(['tanto.wrong-token']))).toBe(401);
    expect(await refusal(open([`tanto.${shell.token.slice(1)}`]))).toBe(401);
    expect(await refusal(open([shell.token]))).toBe(401);
  });

  it('refuses a foreign Origin or Host even with the token', async () => {
    expect(await refusal(open([`tanto.${shell.token}`], { origin: 'http://evil.example' }))).toBe(403);
    expect(await refusal(open([`tanto.${shell.token}`], { headers: { host: `evil.example:${shell.port}` } }))).toBe(403);
  });

  it('refuses upgrades on other paths', async () => {
    expect(await refusal(open([`tanto.${shell.token}`], { path: '/api/call' }))).toBe(404);
  });

  it('answers calls sent over the socket', async () => {
    const ws = open([`tanto.${shell.token}`]);
    await opened(ws);
    let reply = nextMessage(ws);
    ws.send(JSON.stringify({ id: 7, name: 'math.add', args: { a: 20, b: 22 } }));
    expect(await reply).toEqual({ id: 7, result: { sum: 42 } });

    reply = nextMessage(ws);
    ws.send(JSON.stringify({ id: 8, name: 'math.add', args: {} }));
    expect(await reply).toMatchObject({ id: 8, error: { kind: 'invalid_argument' } });

    reply = nextMessage(ws);
    ws.send('not json');
    expect(await reply).toMatchObject({ id: null, error: { kind: 'invalid_argument' } });
  });

  it('delivers events a handler emits during a call made over HTTP', async () => {
    const ws = open([`tanto.${shell.token}`]);
    await opened(ws);
    const message = nextMessage(ws);
    const res = await fetch(`http://127.0.0.1:${shell.port}/api/call`, {
      method: 'POST',
      headers: { authorization: `Bearer ${shell.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, name: 'events.ping', args: { note: 'ping' } }),
    });
    expect(await res.json()).toEqual({ id: 1, result: { sent: true } });
    expect(await message).toEqual({ event: 'sync.failed', payload: { message: 'ping' } });
  });

  it('closes sockets when the shell closes', async () => {
    const ws = open([`tanto.${shell.token}`]);
    await opened(ws);
    const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
    await shell.close();
    await closed;
  });
});
