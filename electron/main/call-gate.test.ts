import { describe, expect, it } from 'vitest';
import { MAX_CALL_BYTES } from '../core-process/protocol';
import { APP_ENTRY_URL, isAppUrl } from './app-url';
import { gateCall, relayCall } from './call-gate';
import type { IpcSender } from './sender-check';

const WINDOW = 3;
const isAppWindow = (id: number) => id === WINDOW;
const app: IpcSender = { webContentsId: WINDOW, frameUrl: `${APP_ENTRY_URL}#/loc`, isMainFrame: true };
const envelope = JSON.stringify({ id: 1, name: 'sync.status', args: {} });

describe('IPC sender and call checks', () => {
  it('lets the app window’s top frame through', () => {
    expect(gateCall(app, envelope, isAppWindow)).toEqual({ ok: true, text: envelope });
  });

  it.each([
    ['another origin', { ...app, frameUrl: 'https://evil.example/index.html' }],
    ['a file URL', { ...app, frameUrl: 'file:///C:/Users/shop/index.html' }],
    ['a look-alike host', { ...app, frameUrl: 'app://tanto.evil/index.html' }],
    ['credentials in the URL', { ...app, frameUrl: 'app://x@tanto/index.html' }],
    ['a sub-frame', { ...app, isMainFrame: false }],
    ['a destroyed frame', { ...app, frameUrl: null }],
    ['a window the app did not open', { ...app, webContentsId: 4 }],
  ])('refuses %s as unauthorized', (_label, sender: IpcSender) => {
    const result = gateCall(sender, envelope, isAppWindow);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(JSON.parse(result.reply)).toMatchObject({ id: null, error: { kind: 'unauthorized' } });
  });

  it('refuses anything but text, and text over the size limit', () => {
    for (const payload of [{ id: 1, name: 'sync.status' }, undefined, 7]) {
      const result = gateCall(app, payload, isAppWindow);
      expect(!result.ok && JSON.parse(result.reply).error.kind).toBe('invalid_argument');
    }
    const huge = JSON.stringify({ id: 1, name: 'sync.status', args: { pad: 'é'.repeat(MAX_CALL_BYTES / 2) } });
    expect(gateCall(app, huge, isAppWindow).ok).toBe(false);
  });

  it('relays only what passed the checks', async () => {
    const relayed: string[] = [];
    const link = { call: async (text: string) => (relayed.push(text), '{"id":1,"result":null}') };
    expect(await relayCall(link, app, envelope, isAppWindow)).toBe('{"id":1,"result":null}');
    expect(JSON.parse(await relayCall(link, { ...app, isMainFrame: false }, envelope, isAppWindow)).error.kind).toBe('unauthorized');
    expect(relayed).toEqual([envelope]);
  });

  it('knows the app’s own URLs', () => {
    expect(isAppUrl('app://tanto/')).toBe(true);
    expect(isAppUrl('app://tanto/index.html?x#y')).toBe(true);
    // Chromium hands over canonical (lower-case) URLs of a standard scheme; anything else is not ours.
    expect(isAppUrl('app://TANTO/index.html')).toBe(false);
    expect(isAppUrl('app://tanto:8080/')).toBe(false);
    expect(isAppUrl('http://tanto/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
