import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';
import { tempDir } from '../../../../test/fixtures/tmp';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import { createCore, type Core, type CoreOptions } from '../../app';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../../secrets/secret-names';
import { createFileVault } from '../../secrets/file-vault';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsHost } from '../../settings/host';
import type { CloudTestResult, SettingsSaveResult, SetupSettings } from '../../settings/types';
import type { SyncStatus } from '../../sync/types';

let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let core: Core | null;
let vault: SecretStore;
let restarts: number;

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 20 });
});
afterAll(() => cloud.close());
beforeEach(() => {
  tmp = tempDir('tanto-settings-');
  vault = createFileVault({ file: path.join(tmp.dir, 'secrets.vault'), key: Buffer.alloc(32, 7) });
  restarts = 0;
  core = null;
});
afterEach(async () => {
  await core?.close();
  tmp.remove();
});

function open(options: Partial<CoreOptions> & { host?: Partial<SettingsHost> } = {}): Core {
  const { host, ...rest } = options;
  core = createCore({
    dataDir: path.join(tmp.dir, 'data'),
    log: () => undefined,
    secrets: vault,
    expectedSecrets: [CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET],
    settings: { shell: 'desktop', dataDir: path.join(tmp.dir, 'data'), restart: () => (restarts += 1), ...host },
    ...rest,
  });
  return core;
}

const settingsOf = (c: Core) => resultOf<SetupSettings>(c.api, 'settings.get', {});

describe('settings on a workstation with no shop yet', () => {
  it('says what is missing, runs no sync or robot, and keeps the first-run flow open until it is finished', async () => {
    const c = open();
    const first = await settingsOf(c);
    expect(first).toMatchObject({
      shell: 'desktop',
      setup: { complete: false, inProgress: true, required: ['cloudUrl', 'cloudToken'] },
      cloud: { baseUrl: null, baseUrlLock: null, token: { state: 'missing', lock: null } },
      line: { token: { state: 'missing', lock: null } },
      secretStore: 'ok',
      cartLogins: [],
      cartLoginLock: null,
      workstation: { isDefault: true, maxLength: 40 },
      robot: { concurrency: 2, defaultConcurrency: 2, minConcurrency: 1, maxConcurrency: 8, browserPath: null },
    });
    expect(await resultOf<SyncStatus>(c.api, 'sync.status', {})).toMatchObject({ notSetUp: true, health: 'never_synced', failure: null });
    expect((await refusalOf(c.api, 'sync.now', {})).kind).toBe('unavailable');
    expect(await resultOf(c.api, 'robot.status', {})).toMatchObject({ available: false, unavailableReasonData: { key: 'robotCloudNotSetUp' } });
    expect(await refusalOf(c.api, 'settings.finishSetup', {})).toMatchObject({ kind: 'conflict', details: { code: 'setupIncomplete', missing: ['cloudUrl', 'cloudToken'] } });

    // The cloud step: the token into the store and the address into tanto.json, each asking for a fresh core.
    await resultOf(c.api, 'secrets.set', { secret: 'cloudToken', value: cloud.token });
    expect(restarts).toBe(1);
    const saved = await resultOf<SettingsSaveResult>(c.api, 'settings.save', { cloudUrl: ` ${cloud.url}/ ` });
    expect(saved.applies).toBe('restart');
    expect(restarts).toBe(2);
    expect(saved.settings.cloud).toMatchObject({ baseUrl: cloud.url, token: { state: 'present' } });
    expect(saved.settings.setup).toMatchObject({ complete: false, inProgress: true, required: [] });

    // Reopened as the shell would: the flow is still under way (resumable), and finishing it ends it.
    await c.close();
    const again = open({ cloud: { baseUrl: cloud.url, token: cloud.token } });
    expect((await settingsOf(again)).setup).toMatchObject({ complete: false, inProgress: true });
    expect((await resultOf<{ cursor: number }>(again.api, 'sync.now', {})).cursor).toBe(cloud.store.head());
    const done = await resultOf<SetupSettings>(again.api, 'settings.finishSetup', {});
    expect(done.setup).toMatchObject({ complete: true, inProgress: false, missing: ['lineToken', 'cartLogin', 'workstationName'] });
  });

  it("keeps a synced replica on its own shop's cloud: another cloud is refused, the same one at another path is not", async () => {
    const c = open({ cloud: { baseUrl: cloud.url, token: cloud.token } });
    await resultOf(c.api, 'settings.save', { cloudUrl: cloud.url });
    expect((await resultOf<SettingsSaveResult>(c.api, 'settings.save', { cloudUrl: 'https://elsewhere.example.jp' })).applies).toBe('restart');
    await resultOf(c.api, 'settings.save', { cloudUrl: cloud.url });
    await resultOf(c.api, 'sync.now', {});
    expect(await refusalOf(c.api, 'settings.save', { cloudUrl: 'https://elsewhere.example.jp' })).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'cloudUrl', params: { code: 'cloudUrlOtherShop', host: new URL(cloud.url).host } }],
    });
    expect((await resultOf<SettingsSaveResult>(c.api, 'settings.save', { cloudUrl: `${cloud.url}/` })).settings.cloud.baseUrl).toBe(cloud.url);
  });

  it('applies the workstation name at once and restarts only for what the core reads at start', async () => {
    const c = open();
    const named = await resultOf<SettingsSaveResult>(c.api, 'settings.save', { workstationName: '  レジ横のPC ' });
    expect(named).toMatchObject({ applies: 'now', settings: { workstation: { name: 'レジ横のPC', isDefault: false } } });
    expect(restarts).toBe(0);
    expect(await resultOf(c.api, 'workstation.get', {})).toEqual({ name: 'レジ横のPC', isDefault: false });

    expect((await resultOf<SettingsSaveResult>(c.api, 'settings.save', { robotConcurrency: 3, browserPath: '/opt/browser/chrome' })).applies).toBe('restart');
    expect(restarts).toBe(1);
    // The same values again change nothing, so nothing restarts.
    expect((await resultOf<SettingsSaveResult>(c.api, 'settings.save', { robotConcurrency: 3 })).applies).toBe('now');
    expect(restarts).toBe(1);
    expect(JSON.parse(readFileSync(path.join(tmp.dir, 'data', 'tanto.json'), 'utf8'))).toEqual({ robot: { concurrency: 3, browserPath: '/opt/browser/chrome' } });
    const back = await resultOf<SettingsSaveResult>(c.api, 'settings.save', { robotConcurrency: null, browserPath: null });
    expect(back.settings.robot).toMatchObject({ concurrency: 2, browserPath: null });
  });

  it('says a shop file damaged by hand is unreadable, naming it, and does not overwrite it', async () => {
    const c = open();
    const file = path.join(tmp.dir, 'data', 'tanto.json');
    writeFileSync(file, '{ "cloud": ');
    expect(await refusalOf(c.api, 'settings.get', {})).toMatchObject({ kind: 'unavailable', details: { code: 'shopFileUnreadable' }, message: expect.stringContaining(file) });
    expect(await refusalOf(c.api, 'settings.save', { cloudUrl: cloud.url })).toMatchObject({ details: { code: 'shopFileUnreadable' } });
    expect(readFileSync(file, 'utf8')).toBe('{ "cloud": ');
  });

  it('refuses a bad value by field with a code the screens can word', async () => {
    const c = open();
    expect(await refusalOf(c.api, 'settings.save', { cloudUrl: 'ftp://cloud.example.jp' })).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'cloudUrl', params: { code: 'cloudUrlInvalid' } }],
    });
    expect(await refusalOf(c.api, 'settings.save', { cloudUrl: '  ' })).toMatchObject({ details: [{ path: 'cloudUrl', params: { code: 'cloudUrlEmpty' } }] });
    expect(await refusalOf(c.api, 'settings.save', { robotConcurrency: 2.5 })).toMatchObject({ details: [{ path: 'robotConcurrency', params: { code: 'concurrencyRange', min: 1, max: 8 } }] });
    expect(await refusalOf(c.api, 'settings.save', { workstationName: 'x'.repeat(41) })).toMatchObject({
      details: [{ path: 'workstationName', params: { code: 'workstationNameTooLong', max: 40 } }],
    });
    expect(restarts).toBe(0);
  });
});

describe('settings on a shell started with its shop', () => {
  it('shows what the shell was given as fixed, and refuses to change it', async () => {
    const c = open({
      cloud: { baseUrl: cloud.url, token: cloud.token },
      expectedSecrets: [],
      host: { shell: 'headless', cloudUrlLock: { by: 'flag', name: '--cloud-url' }, cloudTokenLock: { by: 'env', name: 'TANTO_CLOUD_TOKEN' }, lineTokenLock: { by: 'file', name: '--line-token-file' } },
    });
    const settings = await settingsOf(c);
    expect(settings).toMatchObject({
      shell: 'headless',
      // Set up by files: never in a first-run flow.
      setup: { complete: true, inProgress: false, required: [] },
      cloud: { baseUrl: cloud.url, baseUrlLock: { by: 'flag', name: '--cloud-url' }, token: { state: 'present', lock: { by: 'env', name: 'TANTO_CLOUD_TOKEN' } } },
      line: { token: { state: 'present', lock: { by: 'file', name: '--line-token-file' } } },
    });
    expect(await refusalOf(c.api, 'settings.save', { cloudUrl: 'https://other.example.jp' })).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'cloudUrl', params: { code: 'locked', name: '--cloud-url' } }],
    });
    expect(await refusalOf(c.api, 'secrets.set', { secret: 'cloudToken', value: 'x'.repeat(20) })).toMatchObject({ details: { code: 'locked' } });
    expect(await refusalOf(c.api, 'secrets.set', { secret: 'lineToken', value: 'x'.repeat(20) })).toMatchObject({ details: { code: 'locked', name: '--line-token-file' } });
    expect(restarts).toBe(0);
    // The connection test of what the shell runs with: its own token.
    expect(await resultOf<CloudTestResult>(c.api, 'settings.testCloud', { baseUrl: cloud.url })).toEqual({ outcome: 'ok', reason: null });
  });

  it('without a secret store, says tokens and cart logins cannot be kept here', async () => {
    core = createCore({
      dataDir: path.join(tmp.dir, 'data'),
      log: () => undefined,
      settings: { shell: 'headless', dataDir: path.join(tmp.dir, 'data'), restart: () => undefined, noStoreLock: { by: 'noStore', name: '--vault-key-file' } },
    });
    const settings = await settingsOf(core);
    expect(settings).toMatchObject({
      secretStore: 'absent',
      cloud: { token: { state: 'missing', lock: { by: 'noStore', name: '--vault-key-file' } } },
      cartLoginLock: { by: 'noStore', name: '--vault-key-file' },
    });
    expect(await refusalOf(core.api, 'secrets.set', { secret: 'lineToken', value: 'x'.repeat(20) })).toMatchObject({ kind: 'unavailable', details: { code: 'noSecretStore' } });
  });
});

describe('connection tests', () => {
  it('tests the cloud with the token typed or the one stored, in reasons by code', async () => {
    const c = open();
    expect(await resultOf<CloudTestResult>(c.api, 'settings.testCloud', { baseUrl: cloud.url })).toEqual({ outcome: 'tokenMissing', reason: { code: 'cloudTokenMissing', params: {} } });
    expect(await resultOf<CloudTestResult>(c.api, 'settings.testCloud', { baseUrl: cloud.url, token: 'wrong-token' })).toEqual({
      outcome: 'tokenRefused',
      reason: { code: 'cloudTokenRefused', params: { host: new URL(cloud.url).host } },
    });
    // An address that answers, but is not the cloud's API.
    expect((await resultOf<CloudTestResult>(c.api, 'settings.testCloud', { baseUrl: `${cloud.url}/elsewhere`, token: cloud.token })).outcome).toBe('notTantoCloud');
    await vault.set(CLOUD_TOKEN_SECRET, cloud.token);
    expect(await resultOf<CloudTestResult>(c.api, 'settings.testCloud', { baseUrl: cloud.url })).toEqual({ outcome: 'ok', reason: null });
    // Testing saves nothing.
    expect((await settingsOf(c)).cloud.baseUrl).toBeNull();
  });

  it('answers a cart login test by ref when nothing is stored under it', async () => {
    const c = open();
    expect(await resultOf(c.api, 'settings.testCartLogin', { ref: 'ecforce-main' })).toEqual({
      outcome: 'notStored',
      rights: [],
      missing: [],
      reason: { code: 'cartLoginNotStored', params: { ref: 'ecforce-main' } },
    });
    expect((await refusalOf(c.api, 'settings.testCartLogin', { baseUrl: 'not a url', email: 'robot@example.jp', password: 'pw' })).kind).toBe('invalid_argument');
  });

  it("derives a cart login's ref when none is given, and says which saves need a fresh core", async () => {
    const c = open();
    const login = { secret: 'cartLogin', cart: 'ecforce', baseUrl: 'https://shop.ec-force.com', email: 'Robot@Shop.jp', password: 'pw-1' };
    const first = await resultOf<{ ref: string; applies: string }>(c.api, 'secrets.set', login);
    expect(first).toMatchObject({ applies: 'now', ref: expect.stringMatching(/^ecforce-shop\.ec-force\.com-[0-9a-f]{10}$/) });
    // The same site and e-mail again (a new password) replaces it under the same ref.
    expect((await resultOf<{ ref: string }>(c.api, 'secrets.set', { ...login, email: 'robot@SHOP.jp', password: 'pw-2' })).ref).toBe(first.ref);
    expect((await settingsOf(c)).cartLogins.map((l) => l.ref)).toEqual([first.ref]);
    expect(restarts).toBe(0);
    expect(await resultOf(c.api, 'secrets.set', { secret: 'lineToken', value: 'line-token-1' })).toMatchObject({ applies: 'restart', ref: null });
    expect(restarts).toBe(1);
  });

  it('lists stored cart logins without their passwords', async () => {
    const c = open();
    await resultOf(c.api, 'secrets.set', { secret: 'cartLogin', ref: 'ecforce-main', cart: 'ecforce', baseUrl: 'https://shop.ec-force.com/', email: 'robot@shop.jp', password: 'very-secret-pw' });
    const settings = await settingsOf(c);
    expect(settings.cartLogins).toEqual([{ ref: 'ecforce-main', cart: 'ecforce', baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.jp', site: 'shop.ec-force.com', state: 'present' }]);
    expect(JSON.stringify(settings)).not.toContain('very-secret-pw');
    expect(settings.setup.missing).not.toContain('cartLogin');
  });
});

describe('settings of a core opened by code with its cloud', () => {
  it('counts as set up, with the cloud shown as given', async () => {
    core = createCore({ dataDir: path.join(tmp.dir, 'data'), cloud: { baseUrl: cloud.url, token: cloud.token }, log: () => undefined });
    expect(await settingsOf(core)).toMatchObject({
      setup: { complete: true, inProgress: false, required: [] },
      cloud: { baseUrl: cloud.url, baseUrlLock: { by: 'flag' }, token: { state: 'present', lock: { by: 'flag' } } },
    });
  });
});
