import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/src/api/client';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { tempDir } from '../../test/fixtures/tmp';
import { DESKTOP_ROBOT_UNAVAILABLE } from '../core-process/robot-unavailable';
import { APP_ENTRY_URL } from './app-url';
import { relayCall } from './call-gate';
import { createCoreLink, type CoreLink } from './core-link';

/** The real core-process entry in its own process, driven through the main process's link. */
let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let child: ChildProcess | undefined;
let output: string;

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 30 });
  tmp = tempDir('tanto-core-process-');
  output = '';
});
afterEach(async () => {
  child?.kill();
  await cloud.close();
  tmp.remove();
});

function start(env: NodeJS.ProcessEnv = {}): CoreLink {
  const link = createCoreLink();
  const proc = fork(path.join(import.meta.dirname, '../core-process/test-parent-port.ts'), ['--data', tmp.dir], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TANTO_CLOUD_TOKEN: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child = proc;
  proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  link.attach((message) => proc.send(message));
  proc.on('message', (message) => link.receive(message));
  proc.on('exit', (code) => link.detach(`The Tanto core ended (exit code ${code}).`));
  return link;
}

function clientOver(link: CoreLink) {
  const bridge = {
    call: (text: string) => relayCall(link, { webContentsId: 1, frameUrl: APP_ENTRY_URL, isMainFrame: true }, text, (id) => id === 1),
    onEvent: (listener: (text: string) => void) => link.onEvent(listener),
    onConnectionChange(listener: (state: string) => void) {
      listener(link.state());
      return link.onState(listener);
    },
  };
  return createApiClient(createIpcTransport(bridge));
}

describe('the core process entry', () => {
  it('serves a configured shop, without a robot, and closes the replica when asked to stop', async () => {
    writeFileSync(path.join(tmp.dir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
    const link = start({ TANTO_CLOUD_TOKEN: cloud.token });
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    const cursors: number[] = [];
    api.on('sync.completed', ({ cursor }) => cursors.push(cursor));
    const synced = await api.call('sync.now', {});
    expect(synced.cursor).toBe(cloud.store.head());
    expect((await api.call('members.search', { pageSize: 1 })).total).toBe(cloud.store.members.size);
    await expect(api.call('robot.start', {})).rejects.toMatchObject({ kind: 'unavailable', message: DESKTOP_ROBOT_UNAVAILABLE });
    await expect.poll(() => cursors).toContain(cloud.store.head());

    const stopped = new Promise<void>((resolve) => link.onStopped(resolve));
    link.stop();
    await stopped;
    expect(link.state()).toBe('closed');
    expect(output).not.toContain(cloud.token);
  });

  it('says why it cannot start when no shop is configured, and answers calls with it', async () => {
    const link = start();
    const api = clientOver(link);
    await expect.poll(() => link.failure(), { timeout: 30_000 }).toMatch(/tanto\.json/);
    expect(link.state()).toBe('closed');
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/TANTO_CLOUD_TOKEN/) });
  });
});
