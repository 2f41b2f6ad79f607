import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createBrowserDriverProvider } from '../../automation/browser-drivers';
import type { LaunchOptions } from '../../automation/browser';
import { createCore, type Core } from '../../electron/core/app';
import { createLineClient } from '../../electron/core/line/client';
import type { Clock } from '../../electron/core/clock';
import { createCrosssellFlow } from '../../electron/core/flows/crosssell/flow';
import type { Checkpoint } from '../../electron/core/robot/flow';
import { createProbeFlow } from '../fixtures/probe-flow';
import { loadCartLogin, saveCartLogin, type CartLogin } from '../../electron/core/secrets/cart-logins';
import { openDataDirVault } from '../../electron/core/secrets/data-dir-vault';
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
  /** Stored into the workstation's vault before the robot starts, as an operator would. */
  logins: CartLogin[];
}

export function endpointsOf(s: Sandboxes, extraLogins: CartLogin[] = []): RobotEndpoints {
  return {
    cloud: { baseUrl: s.cloud.url, token: s.cloud.token },
    line: { baseUrl: s.line.url, channelAccessToken: s.line.channelToken },
    logins: [s.world.login, ...extraLogins],
  };
}

/** The operator's vault key in these tests; every process of one test shares it. */
export const TEST_VAULT_KEY = 'a3'.repeat(32);

export interface RobotCoreOptions {
  dataDir: string;
  holder?: string;
  /** The test's second flow runs beside the cross-sell (TANTO_TEST_FLOWS=probe in child runners). */
  probeFlow?: boolean;
  monotonic?: () => number;
  leaseTtlSeconds?: number;
  clock?: Clock;
  concurrency?: number;
  maxAttempts?: number;
  elementTimeoutMs?: number;
  checkpoint?: Checkpoint;
  log?: (line: string) => void;
  /** Where the robot looks for its browser; the machine's own places unless given. */
  launch?: LaunchOptions;
}

/**
 * A core with the robot wired as the headless shell wires it (cart logins from the data
 * folder's vault), on fast retries for tests.
 */
export async function startRobotCore(endpoints: RobotEndpoints, options: RobotCoreOptions): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const vault = openDataDirVault(options.dataDir, { env: { TANTO_VAULT_KEY: TEST_VAULT_KEY } });
  for (const login of endpoints.logins) await saveCartLogin(vault, login);
  return createCore({
    secrets: vault,
    dataDir: options.dataDir,
    cloud: endpoints.cloud,
    syncIntervalMs: 60_000,
    log: options.log ?? (() => undefined),
    ...(options.clock ? { clock: options.clock } : {}),
    robot: {
      flows: [createCrosssellFlow({ resumedOrderWaitMs: 300 }), ...(options.probeFlow ? [createProbeFlow({ tagId: 1 })] : [])],
      line: createLineClient(endpoints.line),
      drivers: createBrowserDriverProvider({
        artifactsDir: path.join(options.dataDir, 'robot-artifacts'),
        elementTimeoutMs: options.elementTimeoutMs ?? 3_000,
        ...(options.launch ? { launch: options.launch } : {}),
      }),
      resolveLogin: (ref) => loadCartLogin(vault, ref),
      concurrency: options.concurrency ?? 2,
      maxAttempts: options.maxAttempts ?? 6,
      retry: { minDelayMs: 50, maxDelayMs: 400 },
      leaseTtlSeconds: options.leaseTtlSeconds ?? 30,
      ...(options.monotonic ? { monotonic: options.monotonic } : {}),
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
