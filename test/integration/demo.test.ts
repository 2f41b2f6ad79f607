import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, spawnScript, type SpawnedApp } from './spawn-app';

const running: SpawnedApp[] = [];
afterEach(() => {
  for (const app of running.splice(0)) if (app.child.exitCode === null) app.child.kill('SIGKILL');
});

async function expectDemoServes(app: SpawnedApp, members: number) {
  const [, url, token] = await app.waitFor(/open\s+(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/);
  await app.waitFor(/Press Ctrl-C to stop\./);
  const summary = app.output();
  expect(summary).toMatch(new RegExp(`members\\s+${members.toLocaleString('en-US')}\\n`));
  expect(summary).toMatch(/cloud sandbox\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(summary).toMatch(/LINE sandbox\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(summary).toMatch(/quarantined 0\./);
  const search = await callApi(url!, token!, 'members.search', { pageSize: 1 });
  expect(search.status).toBe(200);
  expect(search.body).toMatchObject({ result: { total: members } });
  expect((await callApi(url!, undefined, 'members.search', {})).status).toBe(401);
  return { url: url!, replica: /replica\s+(\S+)/.exec(summary)![1]! };
}

describe('npm run demo', () => {
  it('starts every sandbox, syncs, prints the URL and a summary, and stops cleanly on Ctrl-C', async () => {
    const app = spawnScript('sandbox/demo.ts', ['--members', '300']);
    running.push(app);
    const { url, replica } = await expectDemoServes(app, 300);
    expect(existsSync(replica)).toBe(true);
    app.child.kill('SIGINT');
    expect(await app.exited).toEqual({ code: 0, signal: null });
    expect(app.output()).toMatch(/Stopped\.\s*$/);
    expect(existsSync(replica)).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('npm run demo -- --taps N --exit-when-idle', () => {
  it('works every tap through the robot and ends with one JSON line counted from the sandboxes', { timeout: 300_000 }, async () => {
    const app = spawnScript('sandbox/demo.ts', ['--members', '300', '--taps', '4', '--exit-when-idle']);
    running.push(app);
    const exit = await app.exited;
    expect(exit, app.output()).toEqual({ code: 0, signal: null });
    const last = app.output().trimEnd().split('\n').at(-1) ?? '';
    const outcome = JSON.parse(last) as Record<string, number>;
    expect(outcome).toMatchObject({ requests: 4, duplicateOrders: 0, duplicateMessages: 0, duplicateOrdersPerCustomer: 0, duplicateMessagesPerCustomer: 0 });
    // A tap by a member whose earlier request for the same cross-sell is still open (the demo shop
    // has some) is decided as a repeat tap; every other tap is ordered and messaged once.
    expect(outcome.done).toBeGreaterThan(0);
    expect((outcome.done ?? 0) + (outcome.needsManual ?? 0)).toBe(4);
    expect(outcome.duplicates).toBe(outcome.needsManual);
    expect(outcome.orders).toBe(outcome.done);
    expect(outcome.messages).toBe(outcome.done);
  });
});

describe('npm start', () => {
  it('says why it runs the headless shell and, with no shop configured, opens the demo shop', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-start-'));
    try {
      const app = spawnScript('scripts/start.ts', ['--members', '200'], { TANTO_DATA_DIR: dataDir, TANTO_CLOUD_TOKEN: '' });
      running.push(app);
      await app.waitFor(/starting the headless shell instead/);
      await app.waitFor(/No shop is configured .*opening the demo shop\./);
      await expectDemoServes(app, 200);
      app.child.kill('SIGTERM');
      expect((await app.exited).code).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
