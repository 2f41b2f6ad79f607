import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApi, handler } from '../core/api/registry';
import { openDatabase } from '../core/db/open';
import { createEventBus } from '../core/events';
import { createCoreSlot, type SlotCore } from './core-slot';

/** A core of a few handlers on its own in-memory replica: which generation it is, and a way to ask for a restart. */
function generation(n: number, gate: Promise<void> | null, onRestart: () => void): SlotCore & { closed: boolean } {
  const events = createEventBus();
  const db = openDatabase(':memory:', { quickCheck: false });
  const sync = { status: () => ({}) as never, now: () => Promise.resolve({ pushed: 0, rejected: 0, applied: 0, quarantined: 0, cursor: 0 }) };
  const api = createApi(
    {
      'which.core': handler(z.object({}), () => ({ n })),
      'save.now': handler(z.object({}), () => {
        onRestart();
        return { saved: n };
      }),
      'slow.call': handler(z.object({}), async () => {
        await gate;
        return { n };
      }),
      'ping.event': handler(z.object({}), ({ events: bus }) => {
        bus.emit('staff.changed', {});
        return {};
      }),
    },
    { db, clock: { now: () => new Date() }, events, sync },
    () => undefined,
  );
  const core = {
    api,
    events,
    closed: false,
    close: async () => {
      core.closed = true;
      db.close();
    },
  };
  return core;
}

describe('the core behind the headless shell', () => {
  it('is replaced only once no call is in flight, after the reply of the call that asked', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const logs: string[] = [];
    const made: Array<ReturnType<typeof generation>> = [];
    const make = () => {
      const core = generation(n++, gate, () => slot.requestRestart());
      made.push(core);
      return core;
    };
    const slot = createCoreSlot(make(), async () => make(), (l) => logs.push(l));
    const heard: string[] = [];
    slot.events.onAny((event) => heard.push(event));

    const slow = slot.api.call('slow.call', {});
    expect(await slot.api.call('save.now', {})).toEqual({ result: { saved: 0 } });
    // The slow call holds the old core: nothing is replaced under it, and calls meanwhile are still its own.
    expect(slot.restartPending()).toBe(true);
    expect(made[0]!.closed).toBe(false);
    const asked = slot.api.call('which.core', {});
    expect(await Promise.race([asked, new Promise((resolve) => setImmediate(() => resolve('waiting')))])).toEqual({ result: { n: 0 } });
    release();
    expect(await slow).toEqual({ result: { n: 0 } });
    await slot.settled();
    expect(made[0]!.closed).toBe(true);
    expect(await slot.api.call('which.core', {})).toEqual({ result: { n: 1 } });
    expect(slot.restartPending()).toBe(false);

    // The bus the server listens on carries the new core's events, and no longer the old one's.
    await slot.api.call('ping.event', {});
    made[0]!.events.emit('staff.changed', {});
    expect(heard).toEqual(['staff.changed']);
    expect(logs).toEqual(['設定を反映しました（コアを再起動しました）']);
    await slot.close();
    expect(made[1]!.closed).toBe(true);
  });

  it('answers every call with why when the new core cannot open', async () => {
    const logs: string[] = [];
    const slot = createCoreSlot(
      generation(0, null, () => slot.requestRestart()),
      () => Promise.reject(new Error('tanto.json is not valid JSON')),
      (l) => logs.push(l),
    );
    await slot.api.call('save.now', {});
    await slot.settled();
    expect(await slot.api.call('which.core', {})).toEqual({ error: { kind: 'unavailable', message: 'tanto.json is not valid JSON' } });
    expect(logs).toEqual(['設定を反映できません: tanto.json is not valid JSON']);
    await slot.close();
  });
});
