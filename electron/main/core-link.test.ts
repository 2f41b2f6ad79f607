import { describe, expect, it } from 'vitest';
import type { ToCore } from '../core-process/protocol';
import { createCoreLink } from './core-link';

function attached() {
  const link = createCoreLink();
  const sent: ToCore[] = [];
  link.attach((message) => sent.push(message));
  return { link, sent };
}

const call = (id: number, name = 'math.add') => JSON.stringify({ id, name, args: {} });

describe('core link (main process side)', () => {
  it('hands each reply to its own call, in whatever order the core answers', async () => {
    const { link, sent } = attached();
    const first = link.call(call(1));
    const second = link.call(call(2));
    expect(sent).toEqual([
      { kind: 'call', seq: 0, text: call(1) },
      { kind: 'call', seq: 1, text: call(2) },
    ]);
    link.receive({ kind: 'reply', seq: 1, text: '{"id":2,"result":"b"}' });
    link.receive({ kind: 'reply', seq: 0, text: '{"id":1,"result":"a"}' });
    expect(await Promise.all([first, second])).toEqual(['{"id":1,"result":"a"}', '{"id":2,"result":"b"}']);
  });

  it('refuses a malformed envelope without sending it to the core', async () => {
    const { link, sent } = attached();
    expect(JSON.parse(await link.call('not json'))).toMatchObject({ id: null, error: { kind: 'invalid_argument' } });
    expect(JSON.parse(await link.call('{"id":9,"args":{}}'))).toMatchObject({ id: 9, error: { kind: 'invalid_argument' } });
    expect(sent).toEqual([]);
  });

  it('answers unavailable, with the caller’s id, while no core runs', async () => {
    const link = createCoreLink();
    expect(JSON.parse(await link.call(call(5)))).toEqual({ id: 5, error: { kind: 'unavailable', message: 'The Tanto core is not running.' } });
  });

  it('answers waiting calls when the core fails or exits, and reports the state', async () => {
    const { link } = attached();
    const states: string[] = [];
    link.onState((s) => states.push(s));
    link.receive({ kind: 'ready' });
    const waiting = link.call(call(1));
    link.receive({ kind: 'failed', message: 'No shop is configured.' });
    expect(JSON.parse(await waiting)).toEqual({ id: 1, error: { kind: 'unavailable', message: 'No shop is configured.' } });
    link.detach('The Tanto core ended (exit code 1).');
    expect(JSON.parse(await link.call(call(2)))).toMatchObject({ error: { message: 'No shop is configured.' } });
    expect(link.failure()).toBe('No shop is configured.');
    expect(states).toEqual(['open', 'closed']);

    link.attach(() => {});
    expect(link.failure()).toBeNull();
    const pending = link.call(call(3));
    link.detach('The Tanto core ended (exit code 139).');
    expect(JSON.parse(await pending)).toMatchObject({ id: 3, error: { kind: 'unavailable', message: 'The Tanto core ended (exit code 139).' } });
  });

  it('answers unavailable when the message cannot be posted', async () => {
    const link = createCoreLink();
    link.attach(() => {
      throw new Error('process is gone');
    });
    expect(JSON.parse(await link.call(call(4)))).toMatchObject({ id: 4, error: { kind: 'unavailable' } });
  });

  it('passes events on and ignores what is not part of the protocol', () => {
    const { link } = attached();
    const events: string[] = [];
    link.onEvent((text) => events.push(text));
    link.receive({ kind: 'event', text: '{"event":"loc.changed","payload":{"ids":[1]}}' });
    link.receive({ kind: 'reply', seq: 99, text: '{}' });
    link.receive({ kind: 'event', text: 42 });
    link.receive('{"kind":"ready"}');
    expect(events).toEqual(['{"event":"loc.changed","payload":{"ids":[1]}}']);
    expect(link.state()).toBe('connecting');
  });
});
