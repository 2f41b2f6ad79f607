import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { callApi, spawnScript } from './spawn-app';

let cloud: CloudSandbox;
let dataDir: string;

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 250 });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-serve-'));
});
afterAll(async () => {
  await cloud.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run serve', () => {
  it('serves a configured shop behind its token, Host and Origin checks', async () => {
    writeFileSync(path.join(dataDir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
    const tokenFile = path.join(dataDir, 'api-token');
    const token = 'k'.repeat(43);
    writeFileSync(tokenFile, `${token}\n`);
    const app = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--token-file', tokenFile], {
      TANTO_CLOUD_TOKEN: cloud.token,
    });
    try {
      const [, url] = await app.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//);
      expect(app.output()).not.toContain(cloud.token);

      const synced = await callApi(url!, token, 'sync.now', {});
      expect(synced.body).toMatchObject({ result: { cursor: cloud.store.head() } });
      const all = await callApi(url!, token, 'members.search', { pageSize: 5 });
      expect(all.body).toMatchObject({ result: { total: cloud.store.members.size } });
      const someone = [...cloud.store.members.values()][7]!;
      const found = await callApi(url!, token, 'members.search', { query: someone.email ?? someone.displayName });
      expect((found.body!.result as { items: Array<{ id: number }> }).items.map((m) => m.id)).toContain(someone.id);

      expect((await callApi(url!, undefined, 'members.search', {})).status).toBe(401);
      expect((await callApi(url!, 'wrong'.repeat(9), 'members.search', {})).status).toBe(401);
      expect((await callApi(url!, token, 'members.search', {}, { origin: 'http://evil.example' })).status).toBe(403);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect((await app.exited).code).toBe(0);
  });

  it("applies the cloud's tag rules by itself: members matching a new rule are tagged and the cloud learns it once", async () => {
    writeFileSync(path.join(dataDir, 'tanto.json'), JSON.stringify({ cloud: { baseUrl: cloud.url } }));
    const tokenFile = path.join(dataDir, 'api-token');
    const token = 'r'.repeat(43);
    writeFileSync(tokenFile, `${token}\n`);
    const at = new Date().toISOString();
    const tagId = cloud.store.nextId('tag');
    cloud.store.upsert('tag', { id: tagId, name: 'カート連携済み(自動)', folder: null, updatedAt: at });
    cloud.store.upsert('tag_rule', {
      id: cloud.store.nextId('tag_rule'),
      name: 'カート連携で付与',
      tagId,
      action: 'add',
      match: 'all',
      groups: [[{ kind: 'cartLinked' }]],
      enabled: true,
      createdAt: at,
      updatedAt: at,
    });
    const linked = new Set([...cloud.store.cartCustomers.values()].map((c) => c.memberId));
    const app = spawnScript('electron/headless/main.ts', ['--data', dataDir, '--token-file', tokenFile], { TANTO_CLOUD_TOKEN: cloud.token });
    try {
      const [, url] = await app.waitFor(/ready: (http:\/\/127\.0\.0\.1:\d+)\//);
      const tagged = async () => {
        const page = await callApi(url!, token, 'members.search', { tag: tagId, pageSize: 1 });
        return (page.body?.result as { total: number } | undefined)?.total;
      };
      await expect.poll(async () => (await callApi(url!, token, 'sync.now', {})) && tagged(), { timeout: 30_000 }).toBe(linked.size);
      await expect.poll(async () => {
        await callApi(url!, token, 'sync.now', {});
        return [...cloud.store.memberTags.values()].filter((t) => t.tagId === tagId).length;
      }, { timeout: 30_000 }).toBe(linked.size);
      const adds = cloud.store.mutations.filter((m) => m.kind === 'memberTag.add' && m.status === 'applied');
      expect(adds.length).toBe(linked.size);
    } finally {
      app.child.kill('SIGTERM');
    }
    expect((await app.exited).code).toBe(0);
  });

  it('refuses to start without a shop and says how to get one', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'tanto-serve-empty-'));
    try {
      const app = spawnScript('electron/headless/main.ts', ['--data', empty], { TANTO_CLOUD_TOKEN: '' });
      expect((await app.exited).code).toBe(2);
      expect(app.output()).toMatch(/ショップが設定されていません.*npm run demo/s);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
