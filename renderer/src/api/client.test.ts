import { describe, expect, it } from 'vitest';
import { ApiCallError, createApiClient } from './client';
import type { CallOutcome, ConnectionState, Transport } from './transport';

function fakeTransport(outcome: CallOutcome) {
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const calls: Array<{ name: string; args: unknown }> = [];
  const transport: Transport = {
    call: async (name, args) => {
      calls.push({ name, args });
      return outcome;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange: (listener: (s: ConnectionState) => void) => {
      listener('open');
      return () => {};
    },
    close: () => {},
  };
  return { transport, calls, emit: (event: string, payload: unknown) => listeners.forEach((l) => l(event, payload)) };
}

describe('API client', () => {
  it('resolves with the result', async () => {
    const fake = fakeTransport({ result: { total: 0, page: 1, pageSize: 50, items: [] } });
    const api = createApiClient(fake.transport);
    await expect(api.call('members.search', { query: '佐藤', page: 1, pageSize: 50 })).resolves.toEqual({
      total: 0, page: 1, pageSize: 50, items: [],
    });
    expect(fake.calls).toEqual([{ name: 'members.search', args: { query: '佐藤', page: 1, pageSize: 50 } }]);
  });

  it('rejects with an ApiCallError that carries the kind and details', async () => {
    const api = createApiClient(fakeTransport({ error: { kind: 'invalid_argument', message: 'bad', details: [{ path: 'page' }] } }).transport);
    const error = await api.call('members.get', { id: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ kind: 'invalid_argument', message: 'bad', details: [{ path: 'page' }] });
  });

  it('delivers only the events a listener asked for', () => {
    const fake = fakeTransport({ result: null });
    const api = createApiClient(fake.transport);
    const seen: unknown[] = [];
    const off = api.on('sync.completed', (p) => seen.push(p.cursor));
    fake.emit('members.changed', { ids: [1] });
    fake.emit('sync.completed', { applied: 1, pushed: 0, quarantined: 0, cursor: 9 });
    off();
    fake.emit('sync.completed', { applied: 1, pushed: 0, quarantined: 0, cursor: 10 });
    expect(seen).toEqual([9]);
  });
});
