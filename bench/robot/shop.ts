import path from 'node:path';
import { createBrowserDriverProvider } from '../../automation/browser-drivers';
import { createCore, type Core } from '../../electron/core/app';
import { createLineClient } from '../../electron/core/line/client';
import type { Checkpoint } from '../../electron/core/robot/flow';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { linkShops, type CrosssellWorld, type LinkedCustomer } from '../../sandbox/demo/crosssell-world';
import { startEcforceSandbox, type AnsweredRequest, type EcforceSandbox } from '../../sandbox/ecforce/server';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { timedDrivers, type DriverCall } from './timed-drivers';

/** The cloud, ecforce and LINE sandboxes linked as one shop, with no faults injected. */
export interface BenchShop {
  cloud: CloudSandbox;
  ecforce: EcforceSandbox;
  line: LineSandbox;
  world: CrosssellWorld;
  close(): Promise<void>;
}

export async function startShop(customers: number, observe: (answered: AnsweredRequest) => void): Promise<BenchShop> {
  const cloud = await startCloudSandbox({ members: 0 });
  const ecforce = await startEcforceSandbox({ extraCustomers: customers, observe });
  const line = await startLineSandbox();
  const world = linkShops({ cloud, ecforce, line }, { customers });
  return { cloud, ecforce, line, world, close: async () => void (await Promise.all([cloud.close(), ecforce.close(), line.close()])) };
}

/**
 * A core with the robot as a shop runs it: the runner's own defaults for the site throttle,
 * polling, leases and retries; only the drivers are timed.
 */
export function startRobot(shop: BenchShop, dataDir: string, concurrency: number, calls: DriverCall[], checkpoint: Checkpoint): Core {
  const { login } = shop.world;
  return createCore({
    dataDir,
    cloud: { baseUrl: shop.cloud.url, token: shop.cloud.token },
    syncIntervalMs: 3_600_000,
    log: () => undefined,
    robot: {
      line: createLineClient({ baseUrl: shop.line.url, channelAccessToken: shop.line.channelToken }),
      drivers: timedDrivers(createBrowserDriverProvider({ artifactsDir: path.join(dataDir, 'robot-artifacts') }), calls),
      resolveLogin: (ref) => Promise.resolve(ref === login.ref ? login : null),
      concurrency,
      checkpoint,
    },
  });
}

/** Who asks for what: customers with running subscriptions switch to the subscription, the rest alternate. */
export function planFor(world: CrosssellWorld, index: number): { customer: LinkedCustomer; configId: number } {
  const customer = world.customers[index % world.customers.length]!;
  const subscription = customer.runningSubscriptions > 0 || index % 2 === 0;
  return { customer, configId: subscription ? world.configIds.subscription : world.configIds.single };
}
