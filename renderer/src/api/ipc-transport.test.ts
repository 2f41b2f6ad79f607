import { describe, expect, it } from 'vitest';
import type { TantoBridge } from '../../../electron/core/api/types';
import { createIpcTransport } from './ipc-transport';
import type { ConnectionState } from './transport';

function fakeBridge(answer: (text: string) => Promise<string>) {
  const eventListeners = new Set<(text: string) => void>();
  let stateListener: ((state: string) => void) | null = null;
  const sent: unknown[] = [];
  const bridge: TantoBridge = {
    call: (text) => (sent.push(JSON.parse(text)), answer(text)),
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      stateListener = listener;
      return () => (stateListener = null);
    },
  };
  return {
    bridge,
    sent,
    eventListeners,
    emit: (text: string) => eventListeners.forEach((l) => l(text)),
    setState: (state: string) => stateListener?.(state),
  };
}

const echoResult = (result: unknown) => async (text: string) => JSON.stringify({ id: (JSON.parse(text) as { id: number }).id, result });

describe('IPC transport', () => {
  it('sends {id, name, args} as text and takes the reply to its own id', async () => {
    const fake = fakeBridge(echoResult({ total: 3 }));
    const transport = createIpcTransport(fake.bridge);
    expect(await transport.call('members.search', { query: '佐藤' })).toEqual({ result: { total: 3 } });
    expect(await transport.call('members.search', { query: '鈴木' })).toEqual({ result: { total: 3 } });
    expect(fake.sent).toEqual([
      { id: 1, name: 'members.search', args: { query: '佐藤' } },
      { id: 2, name: 'members.search', args: { query: '鈴木' } },
    ]);
  });

  it('passes errors on, including refusals made before the envelope was read', async () => {
    const refused = createIpcTransport(fakeBridge(async () => '{"id":null,"error":{"kind":"unauthorized","message":"no"}}').bridge);
    expect(await refused.call('sync.status', {})).toEqual({ error: { kind: 'unauthorized', message: 'no' } });
    const conflict = createIpcTransport(fakeBridge(async () => '{"id":1,"error":{"kind":"conflict","message":"leased","details":[1]}}').bridge);
    expect(await conflict.call('loc.claim', { id: 1 })).toEqual({ error: { kind: 'conflict', message: 'leased', details: [1] } });
  });

  it('turns a broken channel or a wrong answer into unavailable', async () => {
    const cases: Array<(text: string) => Promise<string>> = [
      async () => Promise.reject(new Error('An object could not be cloned.')),
      async () => 'not json',
      async () => 'null',
      async () => '{"id":99,"result":"someone else’s"}',
      async () => '{"id":1}',
    ];
    for (const answer of cases) {
      expect(await createIpcTransport(fakeBridge(answer).bridge).call('sync.status', {})).toMatchObject({ error: { kind: 'unavailable' } });
    }
  });

  it('refuses arguments JSON cannot carry without calling the core', async () => {
    const fake = fakeBridge(echoResult(null));
    expect(await createIpcTransport(fake.bridge).call('sync.status', { n: 1n })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(fake.sent).toEqual([]);
  });

  it('listens to the bridge only while someone subscribes, and skips unreadable events', () => {
    const fake = fakeBridge(echoResult(null));
    const transport = createIpcTransport(fake.bridge);
    expect(fake.eventListeners.size).toBe(0);
    const seen: Array<[string, unknown]> = [];
    const offA = transport.subscribe((event, payload) => seen.push([event, payload]));
    const offB = transport.subscribe(() => {});
    expect(fake.eventListeners.size).toBe(1);
    fake.emit('{"event":"loc.changed","payload":{"ids":[2]}}');
    fake.emit('{"payload":1}');
    fake.emit('garbage');
    offA();
    expect(fake.eventListeners.size).toBe(1);
    offB();
    expect(fake.eventListeners.size).toBe(0);
    expect(seen).toEqual([['loc.changed', { ids: [2] }]]);
  });

  it('reports the core process’s state, starting with connecting', () => {
    const fake = fakeBridge(echoResult(null));
    const transport = createIpcTransport(fake.bridge);
    const states: ConnectionState[] = [];
    transport.onConnectionChange((s) => states.push(s));
    fake.setState('open');
    fake.setState('open');
    fake.setState('closed');
    fake.setState('something new');
    fake.setState('connecting');
    transport.close();
    fake.setState('open');
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting']);
  });
});
