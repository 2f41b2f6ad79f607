import path from 'node:path';
import { createBrowserDriverProvider } from '../../automation/browser-drivers';
import { createCore, type Core } from '../../electron/core/app';
import { createLineClient } from '../../electron/core/line/client';
import type { Checkpoint } from '../../electron/core/robot/crosssell-flow';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { linkShops, type CrosssellWorld } from '../../sandbox/demo/crosssell-world';
import { startEcforceSandbox, type EcforceSandbox, type EcforceSandboxOptions } from '../../sandbox/ecforce/server';
import { startLineSandbox, type LineSandbox } from '../../sandbox/line/server';
import { tempDir } from '../fixtures/tmp';

/** The three sandboxes describing one shop, as tests and child runners see them. */
export interface Sandboxes {
  cloud: CloudSandbox;
  ecforce: EcforceSandbox;
  line: LineSandbox;
  world: CrosssellWorld;
  close(): Promise<void>;
}

export async function startSandboxes(options: { customers?: number; ecforce?: EcforceSandboxOptions } = {}): Promise<Sandboxes> {
  const cloud = await startCloudSandbox({ members: 0 });
  const ecforce = await startEcforceSandbox(options.ecforce ?? {});
  const line = await startLineSandbox();
  const world = linkShops({ cloud, ecforce, line }, { customers: options.customers ?? 40 });
  return {
    cloud,
    ecforce,
    line,
    world,
    async close() {
      await Promise.all([cloud.close(), ecforce.close(), line.close()]);
    },
  };
}

/** What a robot process needs to reach the sandboxes; passed to child runners as JSON. */
export interface RobotEndpoints {
  cloud: { baseUrl: string; token: string };
  line: { baseUrl: string; channelAccessToken: string };
  login: CrosssellWorld['login'];
}

export function endpointsOf(s: Sandboxes): RobotEndpoints {
  return {
    cloud: { baseUrl: s.cloud.url, token: s.cloud.token },
    line: { baseUrl: s.line.url, channelAccessToken: s.line.channelToken },
    login: s.world.login,
  };
}

export interface RobotCoreOptions {
  dataDir: string;
  holder?: string;
  concurrency?: number;
  maxAttempts?: number;
  checkpoint?: Checkpoint;
  log?: (line: string) => void;
}

/** A core with the robot wired as the headless shell wires it, on fast retries for tests. */
export function startRobotCore(endpoints: RobotEndpoints, options: RobotCoreOptions): Core {
  return createCore({
    dataDir: options.dataDir,
    cloud: endpoints.cloud,
    syncIntervalMs: 60_000,
    log: options.log ?? (() => undefined),
    robot: {
      line: createLineClient(endpoints.line),
      drivers: createBrowserDriverProvider({ artifactsDir: path.join(options.dataDir, 'robot-artifacts'), elementTimeoutMs: 3_000 }),
      resolveLogin: (ref) => Promise.resolve(ref === endpoints.login.ref ? endpoints.login : null),
      concurrency: options.concurrency ?? 2,
      maxAttempts: options.maxAttempts ?? 6,
      retry: { minDelayMs: 50, maxDelayMs: 400 },
      leaseTtlSeconds: 30,
      pollIntervalMs: 100,
      siteCallsPerSecond: 50,
      ...(options.holder ? { holder: options.holder } : {}),
      ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
    },
  });
}

export function scratchDir(): { dir: string; remove(): void } {
  return tempDir('tanto-robot-');
}
