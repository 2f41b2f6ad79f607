import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi, handler } from '../core/api/registry';
import { openDatabase } from '../core/db/open';
import { createEventBus } from '../core/events';
import type { SyncService } from '../core/sync/types';
import { createCoreHost } from './host';
import { MAX_CALL_BYTES, type FromCore } from './protocol';

const sync = { status: () => ({}), now: async () => ({}) } as unknown as SyncService;

function setup() {
  const db = openDatabase(':memory:', { quickCheck: false });
  const events = createEventBus();
  const api = createApi(
    {
      'math.add': handler(z.object({ a: z.number(), b: z.number() }), (_ctx, { a, b }) => ({ sum: a + b })),
      'odd.result': handler(z.object({}), () => ({ big: 1n })),
    },
    { db, clock: { now: () => new Date() }, events, sync },
    () => {},
  );
  const posted: FromCore[] = [];
  const logs: string[] = [];
  let stops = 0;
  const host = createCoreHost({ api, events, post: (m) => posted.push(m), onStop: () => stops++, log: (l) => logs.push(l) });
  const replyTo = async (text: string, seq = 1) => {
    await host.receive({ kind: 'call', seq, text });
    const reply = posted.findLast((m) => m.kind === 'reply');
    if (reply?.kind !== 'reply' || reply.seq !== seq) throw new Error('no reply');
    return JSON.parse(reply.text) as unknown;
  };
  return { db, events, host, posted, logs, replyTo, stops: () => stops };
}

describe('core host', () => {
  it('answers a call with the same envelope as the headless shell, under the same seq', async () => {
    const { replyTo } = setup();
    expect(await replyTo(JSON.stringify({ id: 'a1', name: 'math.add', args: { a: 2, b: 3 } }), 41)).toEqual({ id: 'a1', result: { sum: 5 } });
  });

  it('answers an unknown method with not_found', async () => {
    const { replyTo } = setup();
    expect(await replyTo(JSON.stringify({ id: 2, name: 'members.drop', args: {} }))).toEqual({
      id: 2,
      error: { kind: 'not_found', message: 'Unknown API method: members.drop' },
    });
  });

  it('refuses a malformed envelope, echoing a usable id', async () => {
    const { replyTo } = setup();
    expect(await replyTo('{"id": 3, "name": ')).toMatchObject({ id: null, error: { kind: 'invalid_argument' } });
    expect(await replyTo(JSON.stringify({ id: 4, args: {} }))).toMatchObject({ id: 4, error: { kind: 'invalid_argument' } });
    expect(await replyTo(JSON.stringify({ id: 5, name: 'math.add', args: 'x'.repeat(MAX_CALL_BYTES) }))).toMatchObject({
      id: null,
      error: { kind: 'invalid_argument', message: `The call is larger than ${MAX_CALL_BYTES} bytes.` },
    });
  });

  it('answers a result JSON cannot carry as internal instead of dropping the call', async () => {
    const { replyTo } = setup();
    expect(await replyTo(JSON.stringify({ id: 6, name: 'odd.result' }))).toMatchObject({ id: 6, error: { kind: 'internal' } });
  });

  it('ignores messages outside the protocol and says so in the log', async () => {
    const { host, posted, logs } = setup();
    await host.receive({ kind: 'call', seq: -1, text: '{}' });
    await host.receive('{"id":1,"name":"math.add"}');
    expect(posted).toEqual([]);
    expect(logs).toHaveLength(2);
  });

  it('forwards core events as text until closed, and hands stop to the process', async () => {
    const { events, host, posted, stops } = setup();
    events.emit('loc.changed', { ids: [4] });
    host.close();
    events.emit('loc.changed', { ids: [5] });
    expect(posted).toEqual([{ kind: 'event', text: JSON.stringify({ event: 'loc.changed', payload: { ids: [4] } }) }]);
    await host.receive({ kind: 'stop' });
    expect(stops()).toBe(1);
  });
});
