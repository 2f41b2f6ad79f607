import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageVault, SAFE_STORAGE_FILE } from './safe-storage-vault';
import { fakeSafeStorage } from './test-safe-storage';
import type { Db } from '../core/db/open';
import { createEventBus } from '../core/events';
import { deriveCartLoginRef, loadCartLogin, saveCartLogin } from '../core/secrets/cart-logins';
import { createFileVault } from '../core/secrets/file-vault';
import { CLOUD_TOKEN_SECRET, LINE_TOKEN_SECRET } from '../core/secrets/secret-names';
import type { SecretStore } from '../core/secrets/secret-store';
import type { SecretsStatus } from '../core/secrets/secrets-status';
import { createCloudClient } from '../core/sync/cloud-client';
import { createSyncEngine } from '../core/sync/engine';
import { tempDir, type TempDir } from '../core/sync/sync-test-support';
import { handlers } from '../core/api/handlers';
import { createApi, type Api } from '../core/api/registry';
import { refusalOf, resultOf } from '../../test/fixtures/api-calls';

/** The core's secrets.status and secrets.set over the headless vault and the desktop store, on real files. */

let tmp: TempDir;
let db: Db;
beforeEach(() => {
  tmp = tempDir('tanto-secrets-api-');
  db = tmp.open();
});
afterEach(() => {
  db.close();
  tmp.remove();
});

function apiWith(secrets: SecretStore | undefined, expectedSecrets?: string[]): Api {
  // Never reached: these handlers do not sync.
  const sync = createSyncEngine({ db, client: createCloudClient({ baseUrl: 'http://127.0.0.1:9', token: 'unused' }) });
  return createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync, ...(secrets ? { secrets } : {}), ...(expectedSecrets ? { expectedSecrets } : {}) }, () => {});
}

const login = { cart: 'ecforce' as const, baseUrl: 'https://shop.example.com', email: 'robot@shop.example.jp', password: 'Hunter2' };

describe('secrets on the desktop store', () => {
  it('names the missing cloud token and what cannot be decrypted, and takes them entered again', async () => {
    const safe = fakeSafeStorage();
    const store = createSafeStorageVault({ safeStorage: safe, file: path.join(tmp.dir, SAFE_STORAGE_FILE), platform: 'win32' });
    const ref = deriveCartLoginRef(login);
    await saveCartLogin(store, login);
    safe.forget();
    await store.set(LINE_TOKEN_SECRET, 'line-value-123');
    const api = apiWith(store, [CLOUD_TOKEN_SECRET]);

    const status = await resultOf<SecretsStatus>(api, 'secrets.status', {});
    expect(status).toEqual({
      protection: 'ok',
      secrets: [
        { name: `cart-login/${ref}`, label: { kind: 'cartLogin', ref, site: 'shop.example.com' }, state: 'undecryptable' },
        { name: CLOUD_TOKEN_SECRET, label: { kind: 'cloudToken' }, state: 'missing' },
        { name: LINE_TOKEN_SECRET, label: { kind: 'lineToken' }, state: 'present' },
      ],
    });
    expect(JSON.stringify(status)).not.toContain('line-value-123');

    const blank = await refusalOf(api, 'secrets.set', { secret: 'cloudToken', value: '  ' });
    expect(blank.kind).toBe('invalid_argument');
    await resultOf(api, 'secrets.set', { secret: 'cloudToken', value: 'cloud-2' });
    const after = await resultOf<SecretsStatus>(api, 'secrets.set', { secret: 'cartLogin', ref, baseUrl: login.baseUrl, email: login.email, password: 'Hunter3' });
    expect(after.secrets.map((s) => s.state)).toEqual(['present', 'present', 'present']);
    expect(await store.get(CLOUD_TOKEN_SECRET)).toBe('cloud-2');
    expect(await loadCartLogin(store, ref)).toMatchObject({ ref, email: login.email, password: 'Hunter3' });
  });

  it('says the store is refused where the computer offers only basic_text, and stores nothing', async () => {
    const store = createSafeStorageVault({ safeStorage: fakeSafeStorage({ backend: 'basic_text' }), file: path.join(tmp.dir, SAFE_STORAGE_FILE), platform: 'linux' });
    const api = apiWith(store, [CLOUD_TOKEN_SECRET]);
    expect(await resultOf(api, 'secrets.status', {})).toEqual({ protection: 'refused', secrets: [] });
    const refused = await refusalOf(api, 'secrets.set', { secret: 'cloudToken', value: 'cloud-2' });
    expect(refused).toMatchObject({ kind: 'unavailable', details: { reason: 'refused' } });
    expect(refused.message).not.toContain('cloud-2');
  });
});

describe('secrets on the headless vault', () => {
  it('lists what the vault holds and keeps the cloud token to the shell’s own settings', async () => {
    const vault = createFileVault({ file: tmp.file('secrets.vault'), key: Buffer.alloc(32, 5) });
    await saveCartLogin(vault, login);
    const api = apiWith(vault);
    expect((await resultOf<SecretsStatus>(api, 'secrets.status', {})).secrets).toEqual([
      { name: `cart-login/${deriveCartLoginRef(login)}`, label: expect.objectContaining({ kind: 'cartLogin' }), state: 'present' },
    ]);
    expect((await refusalOf(api, 'secrets.set', { secret: 'cloudToken', value: 'cloud-2' })).kind).toBe('invalid_argument');
    expect(await vault.names()).not.toContain(CLOUD_TOKEN_SECRET);
  });

  it('says a vault under another key is unreadable, and a shell without one has none', async () => {
    const file = tmp.file('secrets.vault');
    await createFileVault({ file, key: Buffer.alloc(32, 5) }).set('x', 'y');
    expect(await resultOf(apiWith(createFileVault({ file, key: Buffer.alloc(32, 6) })), 'secrets.status', {})).toEqual({ protection: 'unreadable', secrets: [] });
    expect(await resultOf(apiWith(undefined), 'secrets.status', {})).toEqual({ protection: 'absent', secrets: [] });
    expect((await refusalOf(apiWith(undefined), 'secrets.set', { secret: 'lineToken', value: 't' })).kind).toBe('unavailable');
  });
});
