import { existsSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { loadCartLogin } from '../../secrets/cart-logins';
import { createFileVault } from '../../secrets/file-vault';
import type { SecretStore } from '../../secrets/secret-store';
import { CloudError, createCloudClient, type CloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { sandboxControl, tempDir, type TempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi, type Api, type HandlerContext } from '../registry';
import type { Handlers } from '../types';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';

/** The config API against a real cloud sandbox, a real replica file and a real vault file. */

const PASSWORD = 'Hunter2-パスワード-9f3a';
const login = { baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.example.jp', password: PASSWORD };

let sandbox: CloudSandbox;
let tmp: TempDir;
let db: Db;
let vault: SecretStore;
let client: CloudClient;
let sent: string[];
let api: Api;

type Config = Handlers['crosssell.get']['result'];
type SaveArgs = Handlers['crosssell.save']['args'];

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 30, orders: 60 });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  await sandboxControl(sandbox).faults({ reset: true });
  tmp = tempDir('tanto-crosssell-');
  db = tmp.open();
  vault = createFileVault({ file: tmp.file('secrets.vault'), key: Buffer.alloc(32, 5) });
  sent = [];
  // Every byte the workstation sends to the cloud, so the test can say the password never left.
  const recordingFetch: typeof fetch = (input, init) => {
    if (typeof init?.body === 'string') sent.push(init.body);
    return fetch(input, init);
  };
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token, fetch: recordingFetch });
  api = apiWith({ cloud: client, secrets: vault });
  await ok('sync.now', {});
});
afterEach(() => tmp.remove());

function apiWith(parts: Pick<HandlerContext, 'cloud' | 'secrets'>): Api {
  const sync = createSyncEngine({ db, client: parts.cloud ?? client, retry: { retries: 0 } });
  return createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync, ...parts }, () => {});
}

const ok = <T = unknown>(name: string, args: unknown, using: Api = api) => resultOf<T>(using, name, args);

const fails = (name: string, args: unknown, using: Api = api) => refusalOf(using, name, args);

function tagIds(): number[] {
  return db.prepare('SELECT id FROM tags ORDER BY id LIMIT 2').pluck().all() as number[];
}

/** The sandbox outlives each test's replica, and names are unique in it: every new config gets its own. */
let made = 0;

function newConfig(patch: Partial<SaveArgs> = {}): SaveArgs {
  const [added, removed] = tagIds();
  made += 1;
  return {
    name: `化粧水クロスセル ${made}`,
    cart: 'ecforce',
    cartLogin: login,
    productName: '保湿化粧水 150mL',
    productCode: 'SKN-002',
    kind: 'single',
    memoWrites: [{ field: 'order_memo', text: 'LINEワンタップ {カート側商品名}' }],
    tagsAdd: [added!],
    tagsRemove: [removed!],
    messageTemplate: '{カート顧客名}様\n「{カート側商品名}」を承りました',
    stopRunningSubscriptions: true,
    ...patch,
  };
}

const configCount = () => db.prepare('SELECT count(*) FROM crosssell_configs').pluck().get() as number;

function replicaBytes(): Buffer {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const files = ['replica.sqlite', 'replica.sqlite-wal'].map((f) => tmp.file(f)).filter((f) => existsSync(f));
  return Buffer.concat(files.map((f) => readFileSync(f)));
}

describe('crosssell.save', () => {
  it('creates the config in the cloud, pulls it into the replica and keeps the login only in the vault', async () => {
    const args = newConfig();
    const saved = await ok<Config>('crosssell.save', args);
    const ref = saved.cartLoginRef!;
    expect(ref).toMatch(/^ecforce-shop\.ec-force\.com-[0-9a-f]{10}$/);
    expect(saved).toMatchObject({ name: args.name, kind: 'single', completionStatus: 'クロスセル受付', stopRunningSubscriptions: true, tagsAdd: [tagIds()[0]] });
    expect(await ok<Config>('crosssell.get', { id: saved.id })).toEqual(saved);
    expect((await ok<Config[]>('crosssell.list', {})).map((c) => c.id)).toContain(saved.id);

    const inCloud = sandbox.store.crosssellConfigs.get(saved.id);
    expect(inCloud).toMatchObject({ name: saved.name, cartLoginRef: ref, memoWrites: saved.memoWrites, messageTemplate: saved.messageTemplate });
    expect(await loadCartLogin(vault, ref)).toEqual({ ref, cart: 'ecforce', ...login });

    const cloudSaw = JSON.stringify([sent, sandbox.store.mutations, sandbox.store.changesSince(0, 100_000), [...sandbox.store.crosssellConfigs.values()]]);
    expect(cloudSaw).toContain(ref);
    expect(cloudSaw).not.toContain(PASSWORD);
    expect(cloudSaw).not.toContain('Hunter2');
    const bytes = replicaBytes();
    expect(bytes.includes(Buffer.from(saved.name))).toBe(true);
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from('Hunter2'))).toBe(false);
    expect(readFileSync(tmp.file('secrets.vault')).includes(Buffer.from('Hunter2'))).toBe(false);
  });

  it('replaces a config by id, keeping its login ref, and lists the login without its password', async () => {
    const created = await ok<Config>('crosssell.save', newConfig());
    const { cartLogin: _login, ...rest } = newConfig();
    const updated = await ok<Config>('crosssell.save', {
      ...rest, id: created.id, cartLoginRef: created.cartLoginRef!, name: '改名した設定', kind: 'subscription', tagsRemove: [],
    });
    expect(updated).toMatchObject({ id: created.id, name: '改名した設定', kind: 'subscription', tagsRemove: [], cartLoginRef: created.cartLoginRef });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);
    expect(sandbox.store.crosssellConfigs.get(created.id)?.name).toBe('改名した設定');

    const logins = await ok<unknown[]>('cartLogins.list', {});
    expect(logins).toEqual([{ ref: created.cartLoginRef, cart: 'ecforce', baseUrl: login.baseUrl, email: login.email }]);
    expect(await fails('crosssell.save', { ...rest, id: 999_999, cartLoginRef: created.cartLoginRef })).toMatchObject({ kind: 'not_found' });
  });

  it('saves how long a repeat tap counts as a duplicate, and empty as the default, through the cloud', async () => {
    const created = await ok<Config>('crosssell.save', newConfig({ repeatWindowHours: 48 }));
    expect(created.repeatWindowHours).toBe(48);
    expect(sandbox.store.crosssellConfigs.get(created.id)?.repeatWindowHours).toBe(48);
    const { cartLogin: _login, ...rest } = newConfig();
    const cleared = await ok<Config>('crosssell.save', { ...rest, id: created.id, cartLoginRef: created.cartLoginRef!, repeatWindowHours: null });
    expect(cleared.repeatWindowHours).toBeNull();
    expect(sandbox.store.crosssellConfigs.get(created.id)?.repeatWindowHours ?? null).toBeNull();
    expect((await ok<Config>('crosssell.save', newConfig({ repeatWindowHours: 0 }))).repeatWindowHours).toBe(0);

    const received = sandbox.store.mutations.length;
    const tooLong = await fails('crosssell.save', newConfig({ repeatWindowHours: 721 }));
    expect(tooLong).toMatchObject({ kind: 'invalid_argument', details: [{ path: 'repeatWindowHours', message: expect.stringContaining('0〜720') }] });
    expect(sandbox.store.mutations.length).toBe(received);
  });

  it('refuses bad input before anything reaches the cloud or the vault', async () => {
    const received = sandbox.store.mutations.length;
    const placeholder = await fails('crosssell.save', newConfig({ messageTemplate: '{カート顧客名}様 {申請ID}' }));
    expect(placeholder.kind).toBe('invalid_argument');
    expect(placeholder.message).toContain('{申請ID}');
    const tag = await fails('crosssell.save', newConfig({ tagsAdd: [987_654] }));
    expect(tag).toMatchObject({ kind: 'invalid_argument', details: [{ path: 'tagsAdd.0', message: expect.stringContaining('タグ 987654 は存在しません') }] });
    const missingRef = await fails('crosssell.save', newConfig({ cartLogin: undefined, cartLoginRef: 'nobody-here' }));
    expect(missingRef.message).toContain('「nobody-here」が見つかりません');
    expect(sandbox.store.mutations.length).toBe(received);
    expect(await vault.names()).toEqual([]);
  });

  it('refuses a product code the synced product master lacks, with a code the screen can word, sending nothing', async () => {
    const received = sandbox.store.mutations.length;
    const before = sandbox.store.crosssellConfigs.size;
    const unknown = await fails('crosssell.save', newConfig({ productCode: 'SKN-999' }));
    expect(unknown).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'productCode', message: expect.stringContaining('「SKN-999」は ecforce の商品マスタにありません'), params: { code: 'unknownProductCode', productCode: 'SKN-999' } }],
    });
    const misnamed = await fails('crosssell.save', newConfig({ productName: '保湿化粧水' }));
    expect(misnamed.details).toEqual([expect.objectContaining({ path: 'productName', params: expect.objectContaining({ masterName: '保湿化粧水 150mL' }) })]);
    expect(sandbox.store.mutations.length).toBe(received);
    expect(sandbox.store.crosssellConfigs.size).toBe(before);
    expect(await vault.names()).toEqual([]);
  });

  it('saves nothing when the cloud cannot be reached, and says so', async () => {
    const before = configCount();
    const cloudBefore = sandbox.store.crosssellConfigs.size;
    await sandboxControl(sandbox).faults({ outage: true });
    const error = await fails('crosssell.save', newConfig());
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/^クラウドに接続できないため、クロスセル設定を保存できませんでした。何も保存されていません。/);
    expect(error.message).not.toContain(sandbox.token);
    expect(configCount()).toBe(before);
    expect(sandbox.store.crosssellConfigs.size).toBe(cloudBefore);
    expect(await vault.names()).toEqual([]);
  });

  it('puts the vault back when the cloud refuses the save', async () => {
    const created = await ok<Config>('crosssell.save', newConfig({ cartLogin: { ...login, email: 'old@shop.example.jp' } }));
    const oldRef = created.cartLoginRef!;
    const oldLogin = await loadCartLogin(vault, oldRef);
    // Another workstation deletes it in the cloud; this replica has not heard yet.
    const [deleted] = await client.postMutations([{ opId: crypto.randomUUID(), kind: 'crosssellConfig.delete', payload: { id: created.id } }]);
    expect(deleted?.status).toBe('applied');

    const { cartLogin: _l, ...rest } = newConfig();
    const refused = await fails('crosssell.save', { ...rest, id: created.id, cartLogin: { ...login, email: 'old@shop.example.jp', password: 'changed' } });
    expect(refused.kind).toBe('conflict');
    expect(refused.message).toContain('何も保存されていません');
    expect(refused.message).toContain(`unknown cross-sell config ${created.id}`);
    expect(await loadCartLogin(vault, oldRef)).toEqual(oldLogin);

    // The refusal made the replica pull again, so it now knows the config is gone.
    const fresh = await fails('crosssell.save', { ...rest, id: created.id, cartLogin: login });
    expect(fresh.kind).toBe('not_found');
    expect(await vault.names()).toEqual([`cart-login/${oldRef}`]);
  });

  it('retries a lost answer with the same operation id, so the config is created once', async () => {
    let dropped = false;
    const lossy: CloudClient = {
      ...client,
      async postMutations(operations) {
        const results = await client.postMutations(operations);
        if (!dropped) {
          dropped = true;
          throw new CloudError('transient', 'POST /v1/mutations: the connection dropped while reading the answer');
        }
        return results;
      },
    };
    const before = sandbox.store.crosssellConfigs.size;
    const saved = await ok<Config>('crosssell.save', newConfig({ name: '一度だけ' }), apiWith({ cloud: lossy, secrets: vault }));
    expect(sandbox.store.crosssellConfigs.size).toBe(before + 1);
    expect([...sandbox.store.crosssellConfigs.values()].filter((c) => c.name === '一度だけ').map((c) => c.id)).toEqual([saved.id]);
    const [first, replay] = sandbox.store.mutations.slice(-2);
    expect(replay?.opId).toBe(first?.opId);
    expect([first?.status, replay?.status]).toEqual(['applied', 'duplicate']);
  });
});

describe('crosssell.save refuses what would fail at night', () => {
  it('refuses a completion message of 2,501 emoji, 5,002 UTF-16 units as LINE counts them, sending nothing', async () => {
    const received = sandbox.store.mutations.length;
    const refused = await fails('crosssell.save', newConfig({ messageTemplate: '😀'.repeat(2501) }));
    expect(refused).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'messageTemplate', message: expect.stringContaining('いま 5,002 文字'), params: { code: 'messageTooLong', units: 5002, max: 5000 } }],
    });
    expect(sandbox.store.mutations.length).toBe(received);
    expect(await vault.names()).toEqual([]);
    // 2,500 emoji are exactly LINE's limit and are saved.
    expect((await ok<Config>('crosssell.save', newConfig({ messageTemplate: '😀'.repeat(2500) }))).messageTemplate).toHaveLength(5000);
  });

  it("refuses a template that its own product name takes past 5,000 units, and saves it for a shorter product", async () => {
    const template = `${'あ'.repeat(4988)}「{カート側商品名}」`;
    const received = sandbox.store.mutations.length;
    const refused = await fails('crosssell.save', newConfig({ messageTemplate: template }));
    expect(refused.details).toEqual([
      { path: 'messageTemplate', message: expect.stringContaining('5,000 文字を超えます（5,001 文字'), params: { code: 'messageTooLongRendered', units: 5001, max: 5000 } },
    ]);
    expect(sandbox.store.mutations.length).toBe(received);
    const short = await ok<Config>('crosssell.save', newConfig({ messageTemplate: template, productName: '青汁 30包', productCode: 'HLT-001', kind: 'single' }));
    expect(short.messageTemplate).toBe(template);
  });

  it('saves a message close to the limit with the customer-name placeholder, and the preview warns how much room is left', async () => {
    const template = `{カート顧客名}様\n${'あ'.repeat(4970)}`;
    const saved = await ok<Config>('crosssell.save', newConfig({ messageTemplate: template }));
    expect(sandbox.store.crosssellConfigs.get(saved.id)?.messageTemplate).toBe(template);
    const [checked] = await ok<Array<{ length: unknown }>>('crosssell.preview', { texts: [template], customerName: '山田 花子', productName: saved.productName });
    expect(checked!.length).toEqual({ units: 4972, max: 5000, customerNames: 1, left: 28, verdict: 'tight' });
  });

  it('refuses a management name another config has, trimmed and without case or width, before the cloud is asked', async () => {
    const first = await ok<Config>('crosssell.save', newConfig({ name: 'Toner 定番' }));
    const received = sandbox.store.mutations.length;
    for (const name of ['Toner 定番', '  toner 定番 ', 'ＴＯＮＥＲ　定番']) {
      const refused = await fails('crosssell.save', newConfig({ name }));
      expect(refused).toMatchObject({
        kind: 'invalid_argument',
        details: [{ path: 'name', message: expect.stringContaining('「Toner 定番」はほかの設定'), params: { code: 'duplicateName', name: 'Toner 定番', id: first.id } }],
      });
    }
    expect(sandbox.store.mutations.length).toBe(received);
    // Saving the config itself again under its own name is no clash.
    const { cartLogin: _login, ...rest } = newConfig({ name: 'TONER 定番' });
    expect((await ok<Config>('crosssell.save', { ...rest, id: first.id, cartLoginRef: first.cartLoginRef! })).name).toBe('TONER 定番');
  });

  it('turns the cloud refusing a name another workstation just took into the same field message, and puts the vault back', async () => {
    // Another workstation saves the name; this replica has not pulled it yet.
    const [taken] = await client.postMutations([
      { opId: crypto.randomUUID(), kind: 'crosssellConfig.save', payload: { ...newConfig({ name: '同時に付けた名前' }), cartLogin: undefined, cartLoginRef: 'ecforce-main' } as never },
    ]);
    expect(taken?.status).toBe('applied');
    expect(db.prepare('SELECT count(*) FROM crosssell_configs WHERE name = ?').pluck().get('同時に付けた名前')).toBe(0);
    const refused = await fails('crosssell.save', newConfig({ name: '同時に付けた名前' }));
    expect(refused).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'name', params: { code: 'duplicateName', name: '同時に付けた名前', id: taken!.entityId } }],
    });
    expect(sandbox.store.mutations.at(-1)).toMatchObject({ status: 'rejected' });
    expect(await vault.names()).toEqual([]);
  });

  it('refuses NOPE-999, a code not in the product master, with a field message naming it', async () => {
    const received = sandbox.store.mutations.length;
    const refused = await fails('crosssell.save', newConfig({ productCode: 'NOPE-999' }));
    expect(refused).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'productCode', message: expect.stringContaining('商品コード「NOPE-999」は ecforce の商品マスタにありません'), params: { code: 'unknownProductCode', productCode: 'NOPE-999' } }],
    });
    expect(sandbox.store.mutations.length).toBe(received);
  });

  it('saves the completion status the robot finishes with: in the cloud, pulled into the replica, クロスセル受付 by default', async () => {
    const chosen = await ok<Config>('crosssell.save', newConfig({ completionStatus: '対応完了' }));
    expect(chosen.completionStatus).toBe('対応完了');
    expect(sandbox.store.crosssellConfigs.get(chosen.id)?.completionStatus).toBe('対応完了');
    expect(db.prepare('SELECT completion_status FROM crosssell_configs WHERE id = ?').pluck().get(chosen.id)).toBe('対応完了');
    const { cartLogin: _login, ...rest } = newConfig();
    const changed = await ok<Config>('crosssell.save', { ...rest, name: chosen.name, id: chosen.id, cartLoginRef: chosen.cartLoginRef!, completionStatus: '受付断念' });
    expect(changed.completionStatus).toBe('受付断念');
    expect((await ok<Config>('crosssell.get', { id: chosen.id })).completionStatus).toBe('受付断念');
    const plain = await ok<Config>('crosssell.save', newConfig());
    expect(plain.completionStatus).toBe('クロスセル受付');
    expect(await fails('crosssell.save', newConfig({ completionStatus: 'done' as never }))).toMatchObject({ kind: 'invalid_argument' });
  });
});

describe('crosssell.delete', () => {
  it('deletes a config from the cloud and the replica, and refuses one that open requests still use', async () => {
    const config = await ok<Config>('crosssell.save', newConfig());
    expect(await ok('crosssell.delete', { id: config.id })).toEqual({ id: config.id, deleted: true });
    expect(sandbox.store.crosssellConfigs.has(config.id)).toBe(false);
    expect(await fails('crosssell.get', { id: config.id })).toMatchObject({ kind: 'not_found' });
    expect(await fails('crosssell.delete', { id: config.id })).toMatchObject({ kind: 'not_found' });
    // The vault keeps the login: another config may use the same one.
    expect(await loadCartLogin(vault, config.cartLoginRef!)).not.toBeNull();

    const busy = db.prepare(`SELECT crosssell_config_id FROM loc_requests WHERE status <> 'done' AND crosssell_config_id IS NOT NULL LIMIT 1`).pluck().get() as number;
    const refused = await fails('crosssell.delete', { id: busy });
    expect(refused.kind).toBe('conflict');
    expect(refused.message).toMatch(/未完了の申請が \d+ 件あるため削除できません/);
    expect(sandbox.store.crosssellConfigs.has(busy)).toBe(true);
  });
});

describe('crosssell.preview', () => {
  it('fills each text with the sample values and names the placeholders it would refuse', async () => {
    const preview = await ok('crosssell.preview', {
      texts: ['{カート顧客名}様\n「{カート側商品名}」を承りました', '{顧客名}様 ｛カート顧客名｝', ''],
      customerName: '山田 花子',
      productName: '保湿化粧水 150mL',
    });
    expect(preview).toEqual([
      {
        rendered: '山田 花子様\n「保湿化粧水 150mL」を承りました',
        unknown: [],
        // Counted without the customer's name, which only the cart knows.
        length: { units: 21, max: 5000, customerNames: 1, left: 4979, verdict: 'fits' },
      },
      { rendered: '{顧客名}様 ｛カート顧客名｝', unknown: ['{顧客名}', '｛カート顧客名｝'], length: expect.objectContaining({ customerNames: 0, verdict: 'fits' }) },
      { rendered: '', unknown: [], length: { units: 0, max: 5000, customerNames: 0, left: 5000, verdict: 'fits' } },
    ]);
  });
});

describe('crosssell.products', () => {
  it("lists the cart's product master as synced from the cloud", async () => {
    const products = await ok<Array<{ code: string; name: string; kind: string }>>('crosssell.products', { cart: 'ecforce' });
    expect(products).toHaveLength(sandbox.store.products.size);
    expect(products).toContainEqual({ code: 'SKN-002', name: '保湿化粧水 150mL', kind: 'single' });
    expect(await fails('crosssell.products', { cart: 'shopify' })).toMatchObject({ kind: 'invalid_argument' });
  });
});

describe('without a vault', () => {
  it('says the vault key is not configured where a login is needed, and still saves with an existing ref', async () => {
    const noVault = apiWith({ cloud: client });
    const listed = await fails('cartLogins.list', {}, noVault);
    expect(listed.kind).toBe('unavailable');
    expect(listed.message).toContain('TANTO_VAULT_KEY');
    expect(listed.message).toContain('npm run secrets -- generate-key');
    expect((await fails('crosssell.save', newConfig(), noVault)).message).toContain('保管庫の鍵が設定されていない');

    const saved = await ok<Config>('crosssell.save', newConfig({ cartLogin: undefined, cartLoginRef: 'ecforce-main' }), noVault);
    expect(saved.cartLoginRef).toBe('ecforce-main');
  });

  it('passes on why a vault cannot be opened, without the key', async () => {
    await vault.set('cart-login/x', JSON.stringify({ ref: 'x', cart: 'ecforce', ...login }));
    const wrongKey = Buffer.alloc(32, 6);
    const error = await fails('cartLogins.list', {}, apiWith({ cloud: client, secrets: createFileVault({ file: tmp.file('secrets.vault'), key: wrongKey }) }));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toContain('復号できません');
    expect(error.message).not.toContain(wrongKey.toString('hex'));
  });

  it('says the cloud is not configured when there is no cloud client', async () => {
    const error = await fails('crosssell.save', newConfig(), apiWith({ secrets: vault, cloud: undefined }));
    expect(error).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('クラウドの接続先が設定されていない') });
    expect(await vault.names()).toEqual([]);
  });
});
