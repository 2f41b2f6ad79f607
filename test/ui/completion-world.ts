import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchRobotBrowser } from '../../automation/browser';
import type { Core } from '../../electron/core/app';
import type { LocRequestData } from '../../electron/core/sync/change-schemas';
import { startHeadlessShell, type HeadlessShell } from '../../electron/headless/server';
import type { CloudSandbox } from '../../sandbox/cloud/server';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from '../robot/world';
import { buildRenderer } from './ui-world';

export interface CompletionWorld {
  sandboxes: Sandboxes;
  core: Core;
  shell: HeadlessShell;
  browser: Browser;
  /** A request the real robot gave up on with a business error, leaving a screenshot and trace. */
  robotFailedId: number;
  /** Further needs_manual requests for bulk work, as the cloud handed them out. */
  openIds: number[];
  close(): Promise<void>;
}

/** The product code the failing cross-sell names; the cart's product master has no such product. */
export const UNKNOWN_PRODUCT_CODE = 'NOPE-404';

/**
 * The clerk's world: the cloud, ecforce and LINE sandboxes describing one shop, a core with the
 * real robot (Chromium driving the ecforce sandbox), one cross-sell the robot fails on for a
 * business reason, more needs_manual requests from the cloud, and the renderer served by the
 * headless shell. The robot is stopped before the browser opens, so nothing but the clerk
 * changes a request during the tests.
 */
export async function startCompletionWorld(options: { openRequests: number }): Promise<CompletionWorld> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'tanto-ui-completion-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);

  const sandboxes = await startSandboxes({ customers: 8 });
  const scratch = scratchDir();
  const core = await startRobotCore(endpointsOf(sandboxes), { dataDir: scratch.dir, maxAttempts: 2, elementTimeoutMs: 5_000 });

  const robotFailedId = await robotFailsOneCrossSell(sandboxes, core);
  const memberIds = sandboxes.world.customers.map((c) => c.memberId);
  const openIds = addNeedsManualRequests(sandboxes.cloud, robotFailedId, memberIds, options.openRequests);
  await core.sync.now();

  const shell = await startHeadlessShell({ api: core.api, events: core.events, log: () => undefined, announceUrl: false, rendererDir });
  const browser = await launchRobotBrowser();
  return {
    sandboxes,
    core,
    shell,
    browser,
    robotFailedId,
    openIds,
    async close() {
      await browser.close();
      await shell.close();
      await core.close();
      await sandboxes.close();
      scratch.remove();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

async function robotFailsOneCrossSell(s: Sandboxes, core: Core): Promise<number> {
  const store = s.cloud.store;
  const base = store.crosssellConfigs.get(s.world.configIds.single);
  const customer = s.world.customers[0];
  if (!base || !customer) throw new Error('the linked shop has no single cross-sell or no customer');
  // Discontinued at the cart, still in the cloud's product master: the robot finds out at the cart, which leaves evidence.
  const at = store.clock.now().toISOString();
  store.upsert('product', { id: store.nextId('product'), cart: 'ecforce', code: UNKNOWN_PRODUCT_CODE, name: base.productName, kind: 'single', price: 3980, updatedAt: at });
  const configId = store.nextId('crosssell_config');
  store.upsert('crosssell_config', { ...base, id: configId, name: '美容液トライアル（終売）', productCode: UNKNOWN_PRODUCT_CODE });
  const requestId = await s.world.tap(customer.memberId, configId);
  await core.sync.now();
  core.robot?.start();
  await core.robot?.whenIdle();
  await core.robot?.stop();
  await core.sync.now();
  const status = store.locRequests.get(requestId)?.status;
  if (status !== 'needs_manual') throw new Error(`the robot left LOC ${requestId} ${status}, not needs_manual`);
  return requestId;
}

/** Requests like the failed one from the shop's other customers, each waiting for staff. */
export function addNeedsManualRequests(cloud: CloudSandbox, templateId: number, memberIds: number[], count: number): number[] {
  const store = cloud.store;
  const template = store.locRequests.get(templateId);
  if (!template) throw new Error(`no LOC ${templateId}`);
  const at = store.clock.now().getTime();
  return Array.from({ length: count }, (_, n) => {
    const request: LocRequestData = {
      ...template,
      id: store.nextId('loc_request'),
      uid: randomUUID(),
      memberId: memberIds[n % memberIds.length] ?? template.memberId,
      status: 'needs_manual',
      completionStatus: null,
      completedAt: null,
      robotResult: null,
      lease: null,
      note: '在庫切れのため受付できるか確認が必要',
      requestedAt: new Date(at - (n + 1) * 60_000).toISOString(),
      updatedAt: new Date(at - (n + 1) * 60_000).toISOString(),
    };
    store.upsert('loc_request', request);
    return request.id;
  });
}
