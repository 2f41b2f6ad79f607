import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/src/api/client';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { damageReplica, shopWithBackup } from '../../test/fixtures/damaged-replica';
import { tempDir } from '../../test/fixtures/tmp';
import { DESKTOP_ROBOT_UNAVAILABLE } from '../core-process/robot-unavailable';
import { APP_ENTRY_URL } from './app-url';
import { relayCall } from './call-gate';
import { createCoreLink, type CoreLink } from './core-link';
import { superviseCore, type CoreChild, type CoreSupervisor } from './core-supervisor';

/**
 * The real core-process entry, each time in a process of its own, run by the main process's
 * supervisor and link. Node's fork stands in for utilityProcess.fork; the entry gets its
 * parentPort from test-parent-port.ts.
 */
const ENTRY = path.join(import.meta.dirname, '../core-process/test-parent-port.ts');

let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let children: ChildProcess[];
let supervisor: CoreSupervisor | undefined;
let output: string;

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 30 });
  tmp = tempDir('tanto-core-process-');
  children = [];
  output = '';
});
afterEach(async () => {
  await supervisor?.stop(2_000);
  supervisor = undefined;
  for (const child of children) child.kill('SIGKILL');
  await cloud.close();
  tmp.remove();
});

function nodeFork(env: NodeJS.ProcessEnv) {
  return (args: string[]): CoreChild => {
    const proc = fork(ENTRY, args, {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TANTO_CLOUD_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    children.push(proc);
    proc.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    proc.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    return {
      postMessage: (message) => void proc.send(message),
      on: (event, listener) => proc.on(event, listener),
      once: (event, listener) => proc.once(event, listener),
      kill: () => proc.kill(),
    };
  };
}

function start(env: NodeJS.ProcessEnv = {}): CoreLink {
  const link = createCoreLink();
  supervisor = superviseCore({ fork: nodeFork(env), dataDir: tmp.dir, link, log: () => {}, restartDelayMs: 50 });
  return link;
}

function configure(): NodeJS.ProcessEnv {
  writeFileSync(path.join(tmp.dir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
  return { TANTO_CLOUD_TOKEN: cloud.token };
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

describe('the core process under the supervisor', () => {
  it('serves a configured shop without a robot, and stops with the replica closed', async () => {
    const link = start(configure());
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    const cursors: number[] = [];
    api.on('sync.completed', ({ cursor }) => cursors.push(cursor));
    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());
    expect((await api.call('members.search', { pageSize: 1 })).total).toBe(cloud.store.members.size);
    await expect(api.call('robot.start', {})).rejects.toMatchObject({ kind: 'unavailable', message: DESKTOP_ROBOT_UNAVAILABLE });
    await expect.poll(() => cursors).toContain(cloud.store.head());

    const stopped = new Promise<void>((resolve) => link.onStopped(resolve));
    await supervisor!.stop();
    await stopped;
    expect(link.state()).toBe('closed');
    expect(children.map((c) => c.exitCode !== null || c.signalCode !== null)).toEqual([true]);
    expect(output).not.toContain(cloud.token);
  });

  it('restarts a core that crashed, and the renderer sees it come back', async () => {
    const link = start(configure());
    const api = clientOver(link);
    const states: string[] = [];
    api.onConnectionChange((s) => states.push(s));
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    children[0]!.kill('SIGKILL');
    await expect.poll(() => children.length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect(states).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());
  });

  it('does not restart a core that cannot start, and answers calls with its reason', async () => {
    const link = start();
    const api = clientOver(link);
    await expect.poll(() => link.failure(), { timeout: 30_000 }).toMatch(/tanto\.json/);
    await expect.poll(() => children[0]!.exitCode !== null || children[0]!.signalCode !== null).toBe(true);
    await sleep(300);
    expect(children).toHaveLength(1);
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/TANTO_CLOUD_TOKEN/) });
  });

  it('offers the backup of a damaged replica, and starts again on it when staff choose it', async () => {
    // A cloud nothing answers at: the restored outbox stays as it was for the count below.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    writeFileSync(path.join(tmp.dir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: `http://127.0.0.1:${port}` } }));
    const { replica } = await shopWithBackup(tmp.dir, { now: () => new Date() });
    damageReplica.truncated(replica);

    const link = start({ TANTO_CLOUD_TOKEN: 'offline' });
    const api = clientOver(link);
    await expect.poll(() => link.failure(), { timeout: 30_000 }).toMatch(/cut short/);
    expect(await api.call('replica.status', {})).toEqual({ damaged: { damage: 'truncated', backup: { takenAt: expect.any(String), unsent: 3 } } });
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(api.call('replica.recover', { choice: 'start-over' as never })).rejects.toMatchObject({ kind: 'invalid_argument' });
    expect(children).toHaveLength(1);

    expect(await api.call('replica.recover', { choice: 'restore-backup' })).toEqual({ restarting: true });
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect(children).toHaveLength(2);
    expect(await api.call('replica.status', {})).toEqual({ damaged: null });
    expect((await api.call('sync.status', {})).pending).toBe(3);
    expect(readdirSync(tmp.dir).filter((name) => name.startsWith('replica.damaged-'))).toHaveLength(1);
  });
});
