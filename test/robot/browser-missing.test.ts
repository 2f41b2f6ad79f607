import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

/**
 * A PC with no browser the robot can drive: the request ends with a person, and what staff read
 * is the catalog's sentence naming where the robot looked, not a stack trace.
 */
let s: Sandboxes;
let core: Core;
let scratch: { dir: string; remove(): void };

const looked = ['/usr/bin/microsoft-edge-stable', '/usr/bin/microsoft-edge', '/opt/microsoft/msedge/msedge', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

beforeAll(async () => {
  s = await startSandboxes({ customers: 2 });
  scratch = scratchDir();
  core = await startRobotCore(endpointsOf(s), {
    dataDir: scratch.dir,
    maxAttempts: 2,
    launch: { env: {}, platform: 'linux', exists: () => false },
  });
});
afterAll(async () => {
  await core?.close();
  await s?.close();
  scratch?.remove();
});

describe('no browser on this PC', () => {
  it('hands the request to a person with the reason naming where the robot looked', { timeout: 120_000 }, async () => {
    const customer = s.world.customers[0];
    if (!customer) throw new Error('customer');
    const ordersBefore = s.ecforce.inspect().orders.length;
    const requestId = await s.world.tap(customer.memberId, s.world.configIds.single);
    await core.sync.now();
    core.robot?.start();
    await core.robot?.whenIdle();
    await core.sync.now();

    expect(s.cloud.store.locRequests.get(requestId)?.status).toBe('needs_manual');
    const [latest] = core.robot?.status().recentErrors ?? [];
    expect(latest).toMatchObject({ requestId, reason: { key: 'browserNotFound', params: [looked.join(', ')] } });
    expect(latest?.message).toContain('Microsoft Edge か Google Chrome をインストールするか');
    expect(s.ecforce.inspect().orders).toHaveLength(ordersBefore);
  });
});
