import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../renderer/src/api/client';
import { createIpcTransport } from '../../renderer/src/api/ipc-transport';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { damageReplica, shopWithBackup } from '../../test/fixtures/damaged-replica';
import { tempDir } from '../../test/fixtures/tmp';
import { DESKTOP_LINE_TOKEN_MISSING } from '../core-process/robot-unavailable';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import { APP_ENTRY_URL } from './app-url';
import { relayCall } from './call-gate';
import { coreChildEnv, takeTokensFromEnv } from './core-env';
import { createCoreLink, type CoreLink } from './core-link';
import { superviseCore, type CoreChild, type CoreSupervisor } from './core-supervisor';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from './safe-storage-vault';
import { fakeSafeStorage } from './test-safe-storage';

/**
 * The real core-process entry, each time in a process of its own, run by the main process's
 * supervisor and link. Node's fork stands in for utilityProcess.fork; the entry gets its
 * parentPort from test-parent-port.ts. The desktop's secret store is the real one over a
 * stand-in for safeStorage's asynchronous functions.
 */
const ENTRY = path.join(import.meta.dirname, '../core-process/test-parent-port.ts');

let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let children: ChildProcess[];
let supervisor: CoreSupervisor | undefined;
let output: string;
let safeStorage: ReturnType<typeof fakeSafeStorage>;
let secrets: ReturnType<typeof createSafeStorageVault>;
let secretsFile: string;

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 30 });
  tmp = tempDir('tanto-core-process-');
  safeStorage = fakeSafeStorage();
  secretsFile = path.join(tmp.dir, 'userData', SAFE_STORAGE_FILE);
  secrets = createSafeStorageVault({ safeStorage, file: secretsFile, platform: 'win32' });
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

/** `env` is the main process's environment; the child gets what main.ts gives utilityProcess.fork. */
function nodeFork(env: NodeJS.ProcessEnv) {
  return (args: string[]): CoreChild => {
    const proc = fork(ENTRY, args, {
      execArgv: ['--import', 'tsx'],
      env: coreChildEnv({ ...process.env, ...env }),
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
  supervisor = superviseCore({ fork: nodeFork(env), dataDir: tmp.dir, link, secrets, log: () => {}, restartDelayMs: 50 });
  return link;
}

function writeShop(): void {
  writeFileSync(path.join(tmp.dir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
}

async function configure(): Promise<NodeJS.ProcessEnv> {
  writeShop();
  await secrets.set(CLOUD_TOKEN_SECRET, cloud.token);
  return {};
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
    const link = start(await configure());
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    const cursors: number[] = [];
    api.on('sync.completed', ({ cursor }) => cursors.push(cursor));
    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());
    expect((await api.call('members.search', { pageSize: 1 })).total).toBe(cloud.store.members.size);
    await expect(api.call('robot.start', {})).rejects.toMatchObject({ kind: 'unavailable', message: DESKTOP_LINE_TOKEN_MISSING });
    await expect.poll(() => cursors).toContain(cloud.store.head());

    const stopped = new Promise<void>((resolve) => link.onStopped(resolve));
    await supervisor!.stop();
    await stopped;
    expect(link.state()).toBe('closed');
    expect(children.map((c) => c.exitCode !== null || c.signalCode !== null)).toEqual([true]);
    expect(output).not.toContain(cloud.token);
  });

  it('restarts a core that crashed, and the renderer sees it come back', async () => {
    const link = start(await configure());
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
    // A shop file damaged by hand: the core refuses it rather than guess (no file at all is a first run, which starts).
    writeFileSync(path.join(tmp.dir, 'tanto.json'), '{');
    const link = start();
    const api = clientOver(link);
    await expect.poll(() => link.failure(), { timeout: 30_000 }).toMatch(/tanto\.json/);
    await expect.poll(() => children[0]!.exitCode !== null || children[0]!.signalCode !== null).toBe(true);
    await sleep(300);
    expect(children).toHaveLength(1);
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/tanto\.json/) });
  });
});

describe('the core process on a PC with no shop yet', () => {
  it('starts without tanto.json, serves the first-run flow, and starts again with the cloud once it is saved', async () => {
    const link = start();
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect((await api.call('settings.get', {})).setup).toEqual({
      complete: false,
      inProgress: true,
      required: ['cloudUrl', 'cloudToken'],
      missing: ['cloudUrl', 'cloudToken', 'lineToken', 'cartLogin', 'workstationName'],
    });
    expect(await api.call('sync.status', {})).toMatchObject({ notSetUp: true });
    expect(await api.call('settings.testCloud', { baseUrl: cloud.url, token: cloud.token })).toEqual({ outcome: 'ok', reason: null });

    await api.call('secrets.set', { secret: 'cloudToken', value: cloud.token });
    await expect.poll(() => children.length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect((await api.call('settings.save', { cloudUrl: cloud.url })).applies).toBe('restart');
    await expect.poll(() => children.length, { timeout: 30_000 }).toBe(3);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());
    expect((await api.call('settings.finishSetup', {})).setup).toMatchObject({ complete: true, inProgress: false });
    expect(JSON.parse(readFileSync(path.join(tmp.dir, 'tanto.json'), 'utf8'))).toEqual({ cloud: { baseUrl: cloud.url } });
    expect(output).not.toContain(cloud.token);
  });
});

describe('the core process and the desktop secret store', () => {
  it.runIf(existsSync('/proc/self/environ'))('takes its cloud token from the store, with no secret in its environment or command line', async () => {
    writeShop();
    // How the app was set up before it could ask for the token: main takes it into the store and out of its environment.
    const mainEnv: NodeJS.ProcessEnv = { TANTO_CLOUD_TOKEN: cloud.token, TANTO_LINE_TOKEN: 'line-token-xyz', TANTO_VAULT_KEY: 'vault-key-xyz' };
    await takeTokensFromEnv(mainEnv, secrets, () => {});
    expect(mainEnv).toEqual({ TANTO_VAULT_KEY: 'vault-key-xyz' });
    expect(await secrets.get(LINE_TOKEN_SECRET)).toBe('line-token-xyz');

    // Even were the variables still set in main, the child would not inherit them.
    const link = start({ TANTO_CLOUD_TOKEN: cloud.token, TANTO_LINE_TOKEN: 'line-token-xyz', TANTO_VAULT_KEY: 'vault-key-xyz' });
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());

    const pid = children[0]!.pid!;
    const environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    for (const secret of [cloud.token, 'line-token-xyz', 'vault-key-xyz']) {
      expect(environ).not.toContain(secret);
      expect(cmdline).not.toContain(secret);
    }
    expect(environ).not.toMatch(/TANTO_(CLOUD_TOKEN|LINE_TOKEN|VAULT_KEY)=/);
    expect(await api.call('secrets.status', {})).toEqual({
      protection: 'ok',
      secrets: [
        { name: CLOUD_TOKEN_SECRET, label: { kind: 'cloudToken' }, state: 'present' },
        { name: LINE_TOKEN_SECRET, label: { kind: 'lineToken' }, state: 'present' },
      ],
    });
    expect(JSON.stringify(await api.call('secrets.status', {}))).not.toContain(cloud.token);
  });

  it('names a token this computer cannot decrypt, keeps it and the replica, and works again once it is entered', async () => {
    await configure();
    const first = start();
    await expect.poll(() => first.state(), { timeout: 30_000 }).toBe('open');
    await clientOver(first).call('sync.now', {});
    await supervisor!.stop();
    // The folders moved to another Windows user: its safeStorage cannot read what was stored.
    safeStorage.forget();
    const before = readFileSync(secretsFile, 'utf8');
    children = [];
    const link = start();
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');

    expect(await api.call('secrets.status', {})).toEqual({
      protection: 'ok',
      secrets: [
        { name: CLOUD_TOKEN_SECRET, label: { kind: 'cloudToken' }, state: 'undecryptable' },
        { name: LINE_TOKEN_SECRET, label: { kind: 'lineToken' }, state: 'missing' },
      ],
    });
    await expect(api.call('sync.now', {})).rejects.toBeDefined();
    expect((await api.call('members.search', { pageSize: 1 })).total).toBe(cloud.store.members.size);
    expect(readFileSync(secretsFile, 'utf8')).toBe(before);

    const entered = await api.call('secrets.set', { secret: 'cloudToken', value: cloud.token });
    expect(entered.secrets).toEqual(
      expect.arrayContaining([
        { name: CLOUD_TOKEN_SECRET, label: { kind: 'cloudToken' }, state: 'present' },
        { name: LINE_TOKEN_SECRET, label: { kind: 'lineToken' }, state: 'missing' },
      ]),
    );
    // The core started with no token; a fresh one starts with the entered one.
    await expect.poll(() => children.length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect((await api.call('sync.now', {})).cursor).toBe(cloud.store.head());
    expect(output).not.toContain(cloud.token);
  });

  it('runs no robot until the LINE token is entered, then starts again with the robot ready', async () => {
    const link = start(await configure());
    const api = clientOver(link);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    const before = await api.call('robot.status', {});
    expect(before).toMatchObject({ available: false, unavailableReason: DESKTOP_LINE_TOKEN_MISSING, unavailableReasonData: { key: 'robotDesktopLineTokenMissing' } });
    expect((await api.call('secrets.status', {})).secrets).toContainEqual({ name: LINE_TOKEN_SECRET, label: { kind: 'lineToken' }, state: 'missing' });

    await api.call('secrets.set', { secret: 'lineToken', value: 'line-token-entered-9f3' });
    await expect.poll(() => children.length, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => link.state(), { timeout: 30_000 }).toBe('open');
    expect(await api.call('robot.status', {})).toMatchObject({ available: true, unavailableReason: null, running: false });
    expect(await secrets.get(LINE_TOKEN_SECRET)).toBe('line-token-entered-9f3');
    expect(output).not.toContain('line-token-entered-9f3');
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
