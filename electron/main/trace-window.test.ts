import { describe, expect, it } from 'vitest';
import { isOnOrigin, traceFromReply, traceWindowOptions, traceWindowPartition } from './trace-window-options';

describe('the trace window', () => {
  it('runs the viewer sandboxed, isolated, without Node or the preload, in a session kept in memory', () => {
    const partition = traceWindowPartition('5b0c');
    const prefs = traceWindowOptions(partition).webPreferences ?? {};
    expect(prefs).toMatchObject({ partition, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toBeUndefined();
    expect(partition.startsWith('persist:')).toBe(false);
  });

  it('may go only to its own viewer origin', () => {
    const origin = 'http://127.0.0.1:43121';
    expect(isOnOrigin(`${origin}/Zx9/index.html?trace=x`, origin)).toBe(true);
    expect(isOnOrigin(`${origin}/Zx9/snapshot/page@1`, origin)).toBe(true);
    for (const url of ['http://127.0.0.1:43122/Zx9/index.html', 'http://localhost:43121/', 'https://127.0.0.1:43121/', 'http://user:pw@127.0.0.1:43121/', 'app://tanto/index.html', 'not a url']) {
      expect(isOnOrigin(url, origin), url).toBe(false);
    }
  });

  it("reads the trace from the core's answer, or says why there is none", () => {
    expect(traceFromReply(JSON.stringify({ id: 'a', result: { base64: Buffer.from('PK\u0003\u0004').toString('base64') } }))).toEqual({ trace: Buffer.from('PK\u0003\u0004') });
    expect(traceFromReply(JSON.stringify({ id: 'a', error: { kind: 'not_found', message: 'gone' } }))).toEqual({ outcome: 'gone' });
    expect(traceFromReply(JSON.stringify({ id: 'a', error: { kind: 'internal', message: 'x' } }))).toEqual({ outcome: 'failed' });
    expect(traceFromReply('{')).toEqual({ outcome: 'failed' });
    expect(traceFromReply(JSON.stringify({ id: 'a', result: {} }))).toEqual({ outcome: 'failed' });
  });
});
