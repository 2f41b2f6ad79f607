import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError, createApiClient, type ApiClient } from '../../renderer/src/api/client';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import type { ConnectionState } from '../../renderer/src/api/transport';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { tempDir } from '../../test/fixtures/tmp';
import type { TantoBridge } from '../core/api/types';
import { createCore, type Core } from '../core/app';
import { createCoreHost, type CoreHost } from '../core-process/host';
import { DESKTOP_LINE_TOKEN_MISSING } from '../core-process/robot-unavailable';
import { APP_ENTRY_URL } from './app-url';
import { relayCall } from './call-gate';
import { createCoreLink, type CoreLink } from './core-link';
import type { IpcSender } from './sender-check';

/**
 * The Electron shell's API path with everything but Electron real: the renderer's API client
 * and IPC transport, the main process's call handler (relayCall) and core link, a structured-
 * clone message channel where the utility process's parentPort would be, the core host, and a
 * core synced from the cloud sandbox. The bridge stands where the preload does and forwards
 * exactly as it does.
 */
const APP_WINDOW = 7;
const appWindow: IpcSender = { webContentsId: APP_WINDOW, frameUrl: APP_ENTRY_URL, isMainFrame: true };

let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let core: Core;
let link: CoreLink;
let host: CoreHost;
let channel: MessageChannel;
let api: ApiClient;
let states: ConnectionState[];

function bridgeFor(sender: IpcSender): TantoBridge {
  return {
    call: (text) => relayCall(link, sender, text, (id) => id === APP_WINDOW),
    onEvent: (listener) => link.onEvent(listener),
    onConnectionChange(listener) {
      listener(link.state());
      return link.onState(listener);
    },
  };
}

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 40 });
  tmp = tempDir('tanto-ipc-');
  core = createCore({
    dataDir: tmp.dir,
    cloud: { baseUrl: cloud.url, token: cloud.token },
    robotUnavailable: DESKTOP_LINE_TOKEN_MISSING,
    log: () => {},
  });
  channel = new MessageChannel();
  link = createCoreLink();
  link.attach((message) => channel.port1.postMessage(message));
  channel.port1.on('message', (message) => link.receive(message));
  api = createApiClient(createIpcTransport(bridgeFor(appWindow)));
  states = [];
  api.onConnectionChange((state) => states.push(state));
  host = createCoreHost({
    api: core.api,
    events: core.events,
    post: (message) => channel.port2.postMessage(message),
    onStop: () => void core.close().then(() => channel.port2.postMessage({ kind: 'stopped' })),
    log: () => {},
  });
  channel.port2.on('message', (message) => void host.receive(message));
  channel.port2.postMessage({ kind: 'ready' });
});

afterEach(async () => {
  api.close();
  host.close();
  channel.port1.close();
  await core.close();
  await cloud.close();
  tmp.remove();
});

describe('the API over the Electron IPC path against a real core', () => {
  it('returns results of real handlers', async () => {
    const synced = await api.call('sync.now', {});
    expect(synced.cursor).toBe(cloud.store.head());
    const page = await api.call('members.search', { pageSize: 5 });
    expect(page.total).toBe(cloud.store.members.size);
    expect(page.items).toHaveLength(5);
  });

  it('rejects with ApiCallError carrying the handler’s kind', async () => {
    const missing = await api.call('members.get', { id: 987_654 }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiCallError);
    expect(missing).toMatchObject({ kind: 'not_found', message: 'Member 987654 does not exist.' });
    await expect(api.call('members.get', { id: -1 })).rejects.toMatchObject({ kind: 'invalid_argument' });
    await expect(api.call('robot.start', {})).rejects.toMatchObject({ kind: 'unavailable', message: DESKTOP_LINE_TOKEN_MISSING });
    const unknown = createApiClient(createIpcTransport(bridgeFor(appWindow))) as unknown as { call(n: string, a: unknown): Promise<unknown> };
    await expect(unknown.call('members.drop', {})).rejects.toMatchObject({ kind: 'not_found', message: 'Unknown API method: members.drop' });
  });

  it('delivers core events to subscribers and reports the core’s state', async () => {
    await expect.poll(() => states).toEqual(['connecting', 'open']);
    const completed: number[] = [];
    const off = api.on('sync.completed', ({ cursor }) => completed.push(cursor));
    await api.call('sync.now', {});
    await expect.poll(() => completed).toEqual([cloud.store.head()]);
    off();
    await api.call('sync.now', {});
    expect(completed).toHaveLength(1);

    link.detach('The Tanto core ended (exit code 3).');
    expect(states.at(-1)).toBe('closed');
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable', message: 'The Tanto core ended (exit code 3).' });
  });

  it('refuses a window or frame that is not the app’s own', async () => {
    const foreign = [
      { webContentsId: APP_WINDOW, frameUrl: 'https://evil.example/', isMainFrame: true },
      { webContentsId: APP_WINDOW, frameUrl: APP_ENTRY_URL, isMainFrame: false },
      { webContentsId: 99, frameUrl: APP_ENTRY_URL, isMainFrame: true },
    ];
    for (const sender of foreign) {
      const client = createApiClient(createIpcTransport(bridgeFor(sender)));
      await expect(client.call('members.search', { pageSize: 1 })).rejects.toMatchObject({ kind: 'unauthorized' });
    }
  });

  it('closes the replica when the main process asks the core to stop', async () => {
    const stopped = new Promise<void>((resolve) => link.onStopped(resolve));
    link.stop();
    await stopped;
    expect(core.db.open).toBe(false);
    expect(link.state()).toBe('closed');
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
