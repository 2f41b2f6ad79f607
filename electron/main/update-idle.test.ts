import { describe, expect, it } from 'vitest';
import type { ToCore } from '../core-process/protocol';
import { createCoreLink } from './core-link';
import { coreWorkHold } from './update-idle';

/** A core link whose core answers the hold with what the test says. */
function linkAnswering(answer: (name: string) => object) {
  const link = createCoreLink();
  const asked: string[] = [];
  link.attach((message: ToCore) => {
    if (message.kind !== 'call') return;
    const envelope = JSON.parse(message.text) as { id: string; name: string };
    asked.push(envelope.name);
    queueMicrotask(() => link.receive({ kind: 'reply', seq: message.seq, text: JSON.stringify({ id: envelope.id, ...answer(envelope.name) }) }));
  });
  link.receive({ kind: 'ready' });
  return { link, asked };
}

describe("the update gate's question to the core", () => {
  it("holds the core and passes on its answer, and releases it when asked", async () => {
    const { link, asked } = linkAnswering(() => ({ result: { robotStepInFlight: true, syncSending: false } }));
    const hold = coreWorkHold(link);
    expect(await hold.hold()).toEqual({ robotStepInFlight: true, syncSending: false });
    hold.release();
    await expect.poll(() => asked).toEqual(['app.holdForUpdate', 'app.releaseHold']);
  });

  it('is not an idle answer when the core answers with an error or is not running', async () => {
    const { link } = linkAnswering(() => ({ error: { kind: 'internal', message: 'boom' } }));
    await expect(coreWorkHold(link).hold()).rejects.toThrow(/boom/);
    const gone = createCoreLink();
    await expect(coreWorkHold(gone).hold()).rejects.toThrow(/not running/);
  });

  it('counts a core that refused to start as idle: nothing runs in it', async () => {
    const link = createCoreLink();
    link.attach(() => undefined);
    link.receive({ kind: 'failed', message: 'No shop is configured.' });
    expect(await coreWorkHold(link).hold()).toEqual({ robotStepInFlight: false, syncSending: false });
  });
});
