import { z } from 'zod';
import { readShopConfig } from '../../config';
import { saveWorkstationName } from '../../instance/workstation-name';
import { loadCartLogin } from '../../secrets/cart-logins';
import { CLOUD_TOKEN_SECRET } from '../../secrets/secret-names';
import { VaultError } from '../../secrets/vault-error';
import { testCartLogin } from '../../settings/cart-login-test';
import { testCloud } from '../../settings/cloud-test';
import { readSetupSettings, type SettingsContext } from '../../settings/read-settings';
import { settingsSaveArgs, testCartLoginArgs, testCloudArgs } from '../../settings/schemas';
import { editShopFile } from '../../settings/shop-file';
import { markSetupFinished } from '../../settings/setup-progress';
import type { CartLoginTestResult, CloudTestResult, SettingsSaveResult, SetupSettings } from '../../settings/types';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

function settingsOf(ctx: HandlerContext): SettingsContext {
  if (!ctx.settings) throw new ApiError('unavailable', 'このワークステーションでは設定を扱えません (this core has no settings)');
  return ctx.settings;
}

async function read(ctx: HandlerContext): Promise<SetupSettings> {
  const settings = settingsOf(ctx);
  return readingShopFile(() => readSetupSettings({ db: ctx.db, settings, secrets: ctx.secrets, expectedSecrets: ctx.expectedSecrets }));
}

/** A tanto.json edited by hand into something unreadable: its name and the fault, for the operator, as a refusal. */
async function readingShopFile<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiError || !/tanto\.json/.test((error as Error).message)) throw error;
    throw new ApiError('unavailable', (error as Error).message, { code: 'shopFileUnreadable' });
  }
}

/** An invalid_argument naming the field, in the shape zod's own refusals take (details[].params.code). */
function fieldError(path: string, code: string, message: string, params: Record<string, string | number> = {}): ApiError {
  return new ApiError('invalid_argument', message, [{ path, message, params: { code, ...params } }]);
}

/** The setup screens' calls: the first-run flow and 設定 (see /work/brief/setup-api.md). */
export const settingsHandlers = {
  'settings.get': handler(z.object({}), (ctx): Promise<SetupSettings> => read(ctx)),

  'settings.save': handler(settingsSaveArgs, async (ctx, input): Promise<SettingsSaveResult> => {
    const { host } = settingsOf(ctx);
    if (input.cloudUrl !== undefined && host.cloudUrlLock) {
      throw fieldError('cloudUrl', 'locked', `クラウドのアドレスは起動の設定（${host.cloudUrlLock.name}）で指定されているため、ここでは変えられません`, { name: host.cloudUrlLock.name });
    }
    const before = await readingShopFile(() => readShopConfig(host.dataDir));
    const current = before?.cloud?.baseUrl ?? settingsOf(ctx).running?.baseUrl ?? null;
    // This replica holds one shop's data, fetched from one cloud by cursor: another cloud's feed would be mixed into it.
    if (input.cloudUrl !== undefined && current !== null && new URL(input.cloudUrl).origin !== new URL(current).origin && ctx.sync.status().lastPullAt !== null) {
      const host = new URL(current).host;
      throw fieldError('cloudUrl', 'cloudUrlOtherShop', `このワークステーションは ${host} のショップと同期済みのため、別のクラウドには切り替えられません。別のショップは新しいデータフォルダで設定してください`, { host });
    }
    const fileEdit = {
      ...(input.cloudUrl !== undefined ? { cloudUrl: input.cloudUrl } : {}),
      ...(input.robotConcurrency !== undefined ? { robotConcurrency: input.robotConcurrency } : {}),
      ...(input.browserPath !== undefined ? { browserPath: input.browserPath === '' ? null : input.browserPath } : {}),
    };
    let restart = false;
    if (Object.keys(fileEdit).length > 0) {
      const after = await readingShopFile(() => editShopFile(host.dataDir, fileEdit));
      restart =
        (after.cloud?.baseUrl ?? null) !== (before?.cloud?.baseUrl ?? null) ||
        (after.robot?.concurrency ?? null) !== (before?.robot?.concurrency ?? null) ||
        (after.robot?.browserPath ?? null) !== (before?.robot?.browserPath ?? null);
    }
    if (input.workstationName !== undefined) saveWorkstationName(ctx.db, input.workstationName);
    if (restart) host.restart();
    return { settings: await read(ctx), applies: restart ? 'restart' : 'now' };
  }),

  'settings.finishSetup': handler(z.object({}), async (ctx): Promise<SetupSettings> => {
    const settings = await read(ctx);
    if (settings.setup.required.length > 0) {
      throw new ApiError('conflict', 'クラウドのアドレスとトークンを入れるまで設定を終えられません', { code: 'setupIncomplete', missing: settings.setup.required });
    }
    markSetupFinished(ctx.db);
    return read(ctx);
  }),

  'settings.testCloud': handler(testCloudArgs, async (ctx, { baseUrl, token }): Promise<CloudTestResult> => {
    const settings = settingsOf(ctx);
    const given = token ?? (await storedCloudToken(ctx, settings));
    if (!given) return { outcome: 'tokenMissing', reason: { code: 'cloudTokenMissing', params: {} } };
    return testCloud(baseUrl, given);
  }),

  'settings.testCartLogin': handler(testCartLoginArgs, async (ctx, input): Promise<CartLoginTestResult> => {
    const { host, log } = settingsOf(ctx);
    let login: { baseUrl: string; email: string; password: string };
    if ('ref' in input) {
      const stored = ctx.secrets ? await loadStoredLogin(ctx, input.ref) : null;
      if (!stored) {
        return { outcome: 'notStored', rights: [], missing: [], reason: { code: 'cartLoginNotStored', params: { ref: input.ref } } };
      }
      login = stored;
    } else {
      login = { baseUrl: input.baseUrl.replace(/\/+$/, ''), email: input.email, password: input.password };
    }
    const browserPath = (await readingShopFile(() => readShopConfig(host.dataDir)))?.robot?.browserPath;
    return testCartLogin(login, {
      launch: { ...(browserPath ? { configuredPath: browserPath } : {}), ...(host.bundledBrowserPath ? { bundledPath: host.bundledBrowserPath } : {}) },
      log,
    });
  }),
};

/** The token the core runs with when the shell was given it, else the one in the store. */
async function storedCloudToken(ctx: HandlerContext, settings: SettingsContext): Promise<string | null> {
  if (settings.host.cloudTokenLock) return settings.running?.token ?? null;
  if (!ctx.secrets) return null;
  try {
    return (await ctx.secrets.get(CLOUD_TOKEN_SECRET)) || null;
  } catch (error) {
    if (error instanceof VaultError) return null;
    throw error;
  }
}

async function loadStoredLogin(ctx: HandlerContext, ref: string) {
  try {
    return await loadCartLogin(ctx.secrets!, ref);
  } catch {
    // Undecryptable here or no longer readable: the same answer, enter it again.
    return null;
  }
}
