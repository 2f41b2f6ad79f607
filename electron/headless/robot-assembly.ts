import path from 'node:path';
import { Cron } from 'croner';
import { createBrowserDriverProvider } from '../../automation/browser-drivers';
import { pruneArtifacts } from '../../automation/ecforce/artifacts';
import type { CoreOptions } from '../core/app';
import type { ShopConfig } from '../core/config';
import { createLineClient } from '../core/line/client';
import { ROBOT_ARTIFACTS_DIR } from '../core/robot/artifact-files';
import { loadCartLogin } from '../core/secrets/cart-logins';
import type { SecretStore } from '../core/secrets/secret-store';

export interface RobotAssemblyInput {
  dataDir: string;
  config: ShopConfig | undefined;
  /** Where the cart logins are read from: the data folder's vault, or the desktop's safeStorage. */
  secrets: SecretStore;
  lineToken: string;
  lineBaseUrl?: string;
  /** The Chromium shipped with the desktop app (resources/chromium), tried after a configured path. */
  bundledBrowserPath?: string;
  log: (line: string) => void;
}

/**
 * The robot as both shells give it to the core: LINE client, browser drivers whose failure
 * evidence is pruned by age and size every hour, and the cart logins from the given store.
 */
export function assembleRobot(input: RobotAssemblyInput): { robot: NonNullable<CoreOptions['robot']>; stop(): void } {
  const artifactsDir = path.join(input.dataDir, ROBOT_ARTIFACTS_DIR);
  const settings = input.config?.robot;
  const lineBaseUrl = input.config?.line?.baseUrl ?? input.lineBaseUrl;
  const prune = new Cron('17 * * * *', { timezone: 'Asia/Tokyo', unref: true, protect: true }, async () => {
    try {
      const result = await pruneArtifacts(artifactsDir, { maxAgeDays: 30, maxMegabytes: 1024 });
      if (result.removed.length > 0) input.log(`robot: 古い失敗記録を ${result.removed.length} 件削除しました`);
    } catch (error) {
      input.log(`robot: 失敗記録の整理に失敗しました: ${(error as Error).message}`);
    }
  });
  const launch = {
    ...(settings?.browserPath ? { configuredPath: settings.browserPath } : {}),
    ...(input.bundledBrowserPath ? { bundledPath: input.bundledBrowserPath } : {}),
  };
  return {
    robot: {
      line: createLineClient({ channelAccessToken: input.lineToken, ...(lineBaseUrl ? { baseUrl: lineBaseUrl } : {}) }),
      drivers: createBrowserDriverProvider({ artifactsDir, log: input.log, ...(Object.keys(launch).length > 0 ? { launch } : {}) }),
      resolveLogin: (ref) => loadCartLogin(input.secrets, ref),
      ...(settings?.concurrency ? { concurrency: settings.concurrency } : {}),
      ...(settings?.siteCallsPerSecond ? { siteCallsPerSecond: settings.siteCallsPerSecond } : {}),
    },
    stop: () => prune.stop(),
  };
}
