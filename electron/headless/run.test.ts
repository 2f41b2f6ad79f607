import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { tempDir } from '../../test/fixtures/tmp';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { generateVaultKey } from '../core/secrets/vault-key';
import { runHeadless } from './run';
import { callApi } from './test-fixture';

let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 15 });
  tmp = tempDir('tanto-run-');
});
afterAll(async () => {
  await cloud.close();
  tmp.remove();
});

describe('the headless shell started with no shop', () => {
  it('restarts its core behind the same server: the page keeps its token and socket, and hears the new core', async () => {
    const keyFile = path.join(tmp.dir, 'vault.key');
    writeFileSync(keyFile, generateVaultKey());
    const logs: string[] = [];
    const running = await runHeadless({ dataDir: path.join(tmp.dir, 'data'), vaultKeyFile: keyFile, env: {}, announceUrl: false, rendererDir: '/nonexistent/renderer', log: (l) => logs.push(l) });
    const { port, token } = running.shell;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, [`tanto.${token}`], { origin: `http://127.0.0.1:${port}` });
    const events: string[] = [];
    const replies = new Map<number, unknown>();
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as { event?: string; id?: number };
      if (message.event) events.push(message.event);
      else if (message.id !== undefined) replies.set(message.id, message);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      const call = async (name: string, args: unknown = {}) => JSON.parse((await callApi(port, token, { id: 1, name, args })).body) as { result?: Record<string, unknown>; error?: unknown };
      const firstCore = running.core;
      expect((await call('settings.get')).result).toMatchObject({ shell: 'headless', setup: { complete: false, inProgress: true } });

      expect((await call('secrets.set', { secret: 'cloudToken', value: cloud.token })).error).toBeUndefined();
      // Asked while the restart for the token is under way: answered by the new core, not refused.
      const saved = await call('settings.save', { cloudUrl: cloud.url });
      expect(saved.result).toMatchObject({ applies: 'restart' });
      await running.settled();
      expect(running.core).not.toBe(firstCore);
      expect(logs.filter((l) => l.includes('設定を反映しました')).length).toBeGreaterThanOrEqual(1);

      // Over the socket opened before the restarts: a call, and the new core's events.
      ws.send(JSON.stringify({ id: 7, name: 'sync.now', args: {} }));
      await expect.poll(() => replies.get(7), { timeout: 20_000 }).toMatchObject({ result: { cursor: cloud.store.head() } });
      await expect.poll(() => events).toContain('sync.completed');
      expect((await call('settings.get')).result).toMatchObject({ cloud: { baseUrl: cloud.url, token: { state: 'present', lock: null } } });
      expect(logs.join('\n')).not.toContain(cloud.token);
    } finally {
      ws.terminate();
      await running.stop();
    }
  });
});
