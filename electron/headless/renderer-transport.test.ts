import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpTransport } from '../../renderer/src/api/http-transport';
import type { ConnectionState, Transport } from '../../renderer/src/api/transport';
import { startTestShell, type TestShell } from './test-fixture';

/** The renderer's own transport, with Node's fetch and WebSocket, against the real shell. */
let shell: TestShell;
let transport: Transport;

beforeEach(async () => {
  shell = await startTestShell();
  transport = createHttpTransport({ baseUrl: shell.origin, token: shell.token, reconnectDelayMs: 20 });
});
afterEach(async () => {
  transport.close();
  await shell.close();
});

function waitForState(t: Transport, wanted: ConnectionState): Promise<void> {
  return new Promise((resolve) => {
    const off = t.onConnectionChange((s) => {
      if (s === wanted) {
        queueMicrotask(() => off());
        resolve();
      }
    });
  });
}

describe('renderer HTTP transport against the headless shell', () => {
  it('calls handlers and reports their errors', async () => {
    expect(await transport.call('math.add', { a: 1, b: 2 })).toEqual({ result: { sum: 3 } });
    expect(await transport.call('math.add', { a: 'x' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await transport.call('loc.claim', { id: 3 })).toMatchObject({ error: { kind: 'conflict' } });
  });

  it('reports a wrong token as unauthorized and an unreachable shell as unavailable', async () => {
    const wrong = createHttpTransport({ baseUrl: shell.origin, token: 'w'.repeat(43) });
    expect(await wrong.call('math.add', { a: 1, b: 2 })).toMatchObject({ error: { kind: 'unauthorized' } });
    const port = shell.port;
    await shell.close();
    const gone = createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, token: shell.token });
    expect(await gone.call('math.add', { a: 1, b: 2 })).toMatchObject({ error: { kind: 'unavailable' } });
  });

  it('receives core events over the WebSocket', async () => {
    const received: Array<[string, unknown]> = [];
    const got = new Promise<void>((resolve) =>
      transport.subscribe((event, payload) => {
        received.push([event, payload]);
        resolve();
      }),
    );
    await waitForState(transport, 'open');
    shell.events.emit('members.changed', { ids: [1, 2] });
    await got;
    expect(received).toEqual([['members.changed', { ids: [1, 2] }]]);
  });

  it('reconnects after the shell restarts on the same port with the same token', async () => {
    const received: string[] = [];
    transport.subscribe((event) => received.push(event));
    await waitForState(transport, 'open');
    const { port, token } = shell;
    const closed = waitForState(transport, 'closed');
    await shell.close();
    await closed;
    shell = await startTestShell({ port, token });
    await waitForState(transport, 'open');
    shell.events.emit('loc.changed', { ids: [5] });
    await expect.poll(() => received).toEqual(['loc.changed']);
  });
});
