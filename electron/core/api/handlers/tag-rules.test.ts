import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { createCloudClient, type CloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { sandboxControl, tempDir, type TempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi, type Api } from '../registry';
import type { Handlers } from '../types';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';

/** The tag rule API against a real cloud sandbox and a real replica file. */

type Rule = Handlers['tagRules.get']['result'];
type SaveArgs = Handlers['tagRules.save']['args'];
type Preview = Handlers['tagRules.preview']['result'];

let sandbox: CloudSandbox;
let tmp: TempDir;
let db: Db;
let api: Api;
let ruleEvents: number[][];
let tagA: number;
let tagB: number;
let tagC: number;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 30, orders: 60 });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  await sandboxControl(sandbox).faults({ reset: true });
  // Each test starts from a cloud without rules, so creation order is the test's own.
  for (const id of [...sandbox.store.tagRules.keys()]) sandbox.store.remove('tag_rule', { id });
  tmp = tempDir('tanto-tag-rules-');
  db = tmp.open();
  api = apiWith(createCloudClient({ baseUrl: sandbox.url, token: sandbox.token }));
  await ok('sync.now', {});
  [tagA, tagB, tagC] = db.prepare('SELECT id FROM tags ORDER BY id LIMIT 3').pluck().all() as number[] as [number, number, number];
});
afterEach(() => tmp.remove());

function apiWith(cloud: CloudClient): Api {
  const events = createEventBus();
  ruleEvents = [];
  events.on('tagRules.changed', ({ ids }) => ruleEvents.push(ids));
  const sync = createSyncEngine({ db, client: cloud, events, retry: { retries: 0 } });
  return createApi(handlers, { db, clock: { now: () => new Date() }, events, sync, cloud }, () => {});
}

const ok = <T = unknown>(name: string, args: unknown) => resultOf<T>(api, name, args);

const fails = (name: string, args: unknown, using: Api = api) => refusalOf(using, name, args);

const saves = () => sandbox.store.mutations.filter((m) => m.kind === 'tagRule.save');

/** 商品Aの時に「Aタグが付与」 (seed 002). */
const productRule = (patch: Partial<SaveArgs> = {}): SaveArgs => ({
  name: '商品Aを買った',
  tagId: tagA,
  action: 'add',
  match: 'all',
  groups: [[{ kind: 'product', by: 'code', op: 'equals', value: 'SKN-002' }]],
  ...patch,
});
/** Aタグが付与されたときに「Aタグを解除」: fights productRule. */
const undoRule = (patch: Partial<SaveArgs> = {}): SaveArgs => ({
  name: 'Aタグなら外す',
  tagId: tagA,
  action: 'remove',
  match: 'all',
  groups: [[{ kind: 'triggerTag', tagId: tagA, has: true }]],
  ...patch,
});

describe('tagRules.save', () => {
  it('creates a rule in the cloud with one operation, pulls it back and announces it', async () => {
    const before = saves().length;
    const saved = await ok<Rule>('tagRules.save', productRule());
    expect(saved).toMatchObject({ name: '商品Aを買った', tagId: tagA, action: 'add', match: 'all', enabled: true });
    expect(saved.groups).toEqual([[{ kind: 'product', by: 'code', op: 'equals', value: 'SKN-002' }]]);
    expect(saves().slice(before).map((m) => m.status)).toEqual(['applied']);
    expect(sandbox.store.tagRules.get(saved.id)).toMatchObject({ name: saved.name, createdAt: saved.createdAt });
    expect(await ok<Rule>('tagRules.get', { id: saved.id })).toEqual(saved);
    expect(ruleEvents).toEqual([[saved.id]]);
    const tags = await ok<Array<{ id: number; ruleCount: number }>>('tags.list', {});
    expect(tags.find((t) => t.id === tagA)).toMatchObject({ ruleCount: 1 });
  });

  it('sends nothing while the cloud is unreachable, and exactly one operation once it is back', async () => {
    await sandboxControl(sandbox).faults({ outageAfterRequests: 0 });
    const lost = await fails('tagRules.save', productRule());
    expect(lost).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('クラウドに接続できない') });
    expect(sandbox.store.tagRules.size).toBe(0);
    await sandboxControl(sandbox).faults({ reset: true });
    const before = saves().length;
    await ok('tagRules.save', productRule());
    expect(saves().slice(before)).toHaveLength(1);
    expect(sandbox.store.tagRules.size).toBe(1);
  });

  it('keeps a rule in its place in the evaluation order when it is changed, and lists rules in creation order', async () => {
    const first = await ok<Rule>('tagRules.save', productRule({ name: '一番目' }));
    const second = await ok<Rule>('tagRules.save', productRule({ name: '二番目', tagId: tagB }));
    const changed = await ok<Rule>('tagRules.save', { ...productRule({ name: '一番目（改）' }), id: first.id, enabled: false });
    expect(changed).toMatchObject({ id: first.id, name: '一番目（改）', enabled: false, createdAt: first.createdAt });
    expect((await ok<Rule[]>('tagRules.list', {})).map((r) => [r.name, r.tagName])).toEqual([
      ['一番目（改）', db.prepare('SELECT name FROM tags WHERE id = ?').pluck().get(tagA)],
      ['二番目', db.prepare('SELECT name FROM tags WHERE id = ?').pluck().get(tagB)],
    ]);
    expect(second.createdAt >= first.createdAt).toBe(true);
  });

  it('refuses a malformed rule with each field named, sending nothing', async () => {
    const before = sandbox.store.mutations.length;
    const twoGroups = await fails('tagRules.save', productRule({ groups: [[{ kind: 'cartLinked' }], [{ kind: 'cartLinked' }]] }));
    expect(twoGroups).toMatchObject({ kind: 'invalid_argument', details: [{ path: 'groups', message: 'A "match all" rule has exactly one group of conditions.' }] });
    const six = Array.from({ length: 6 }, () => ({ kind: 'cartLinked' as const }));
    expect(await fails('tagRules.save', productRule({ match: 'any', groups: [six] }))).toMatchObject({
      details: [{ path: 'groups.0', message: 'At most 5 conditions in a group.' }],
    });
    expect(await fails('tagRules.save', productRule({ groups: [[{ kind: 'purchaseDate', op: 'on', date: '2026/11/01' }]] }))).toMatchObject({
      details: [{ path: 'groups.0.0.date' }],
    });
    expect(await fails('tagRules.save', productRule({ name: '   ' }))).toMatchObject({ details: [{ path: 'name' }] });
    expect(sandbox.store.mutations.length).toBe(before);
  });

  it('refuses an unknown tag or trigger tag, and an unknown rule id, sending nothing', async () => {
    const before = sandbox.store.mutations.length;
    expect(await fails('tagRules.save', productRule({ tagId: 999_999 }))).toMatchObject({
      kind: 'invalid_argument',
      message: expect.stringContaining('タグ 999999'),
      details: [{ path: 'tagId', message: 'タグ 999999' }],
    });
    expect(await fails('tagRules.save', productRule({ groups: [[{ kind: 'cartLinked' }, { kind: 'triggerTag', tagId: 888_888, has: false }]] }))).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'groups.0.1.tagId', message: 'トリガータグ 888888' }],
    });
    expect(await fails('tagRules.save', { ...productRule(), id: 777_777 })).toMatchObject({ kind: 'not_found', message: expect.stringContaining('777777') });
    expect(sandbox.store.mutations.length).toBe(before);
  });

  it("refuses the seed's fighting rules with both named, and accepts a chain that settles", async () => {
    await ok('tagRules.save', productRule());
    const before = sandbox.store.mutations.length;
    const fight = await fails('tagRules.save', undoRule());
    expect(fight.kind).toBe('conflict');
    expect(fight.message).toContain('「商品Aを買った」 → 「Aタグなら外す」');
    expect(fight.details).toEqual({ fights: [{ ruleIds: [expect.any(Number), null], ruleNames: ['商品Aを買った', 'Aタグなら外す'], tagId: tagA }] });
    expect(sandbox.store.mutations.length).toBe(before);

    // Tag A adds tag B, tag B adds tag C: each step moves forward and stops.
    await ok('tagRules.save', { name: 'AならB', tagId: tagB, action: 'add', match: 'all', groups: [[{ kind: 'triggerTag', tagId: tagA, has: true }]] });
    await ok('tagRules.save', { name: 'BならC', tagId: tagC, action: 'add', match: 'all', groups: [[{ kind: 'triggerTag', tagId: tagB, has: true }]] });
    expect((await ok<Rule[]>('tagRules.list', {})).map((r) => r.name)).toEqual(['商品Aを買った', 'AならB', 'BならC']);

    // A disabled rule never runs, so it fights nothing until it is enabled.
    const dormant = await ok<Rule>('tagRules.save', undoRule({ enabled: false }));
    expect(await fails('tagRules.save', { ...undoRule(), id: dormant.id })).toMatchObject({ kind: 'conflict' });
  });

  it('says so when no cloud is configured', async () => {
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    const noCloud = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: createSyncEngine({ db, client }) }, () => {});
    expect(await fails('tagRules.save', productRule(), noCloud)).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('クラウドの接続先が設定されていない') });
    expect(await fails('tagRules.delete', { id: 1 }, noCloud)).toMatchObject({ kind: 'unavailable' });
  });
});

describe('tagRules.delete and tagRules.get', () => {
  it('deletes a rule in the cloud and the replica, and says when a rule does not exist', async () => {
    const saved = await ok<Rule>('tagRules.save', productRule());
    ruleEvents.length = 0;
    expect(await ok('tagRules.delete', { id: saved.id })).toEqual({ id: saved.id, deleted: true });
    expect(sandbox.store.tagRules.has(saved.id)).toBe(false);
    expect(await ok('tagRules.list', {})).toEqual([]);
    expect(ruleEvents).toEqual([[saved.id]]);
    expect(await fails('tagRules.get', { id: saved.id })).toMatchObject({ kind: 'not_found' });
    expect(await fails('tagRules.delete', { id: saved.id })).toMatchObject({ kind: 'not_found', message: expect.stringContaining(String(saved.id)) });
  });
});

/** Members whose non-cancelled purchases (orders and child orders) carry a product code, from the replica itself. */
function buyersOf(code: string): number[] {
  return db
    .prepare(
      `SELECT DISTINCT c.member_id FROM order_items i JOIN orders o ON o.id = i.order_id JOIN cart_customers c ON c.id = o.cart_customer_id
       WHERE i.product_code = ? AND o.status <> 'cancelled' ORDER BY 1`,
    )
    .pluck()
    .all(code) as number[];
}

function holdersOf(tagId: number): Set<number> {
  return new Set(db.prepare('SELECT member_id FROM member_tags WHERE tag_id = ?').pluck().all(tagId) as number[]);
}

/** Everything a preview must leave alone. */
function written(): unknown {
  return ['member_tags', 'member_tag_history', 'outbox', 'tag_rules'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
}

describe('tagRules.preview', () => {
  it('counts the members a compound "any" rule would tag, with a sample by id, writing and sending nothing', async () => {
    const [first, second] = ['SKN-002', 'SKN-004'];
    const matching = [...new Set([...buyersOf(first!), ...buyersOf(second!)])].sort((a, b) => a - b);
    const held = holdersOf(tagA);
    const toAdd = matching.filter((id) => !held.has(id));
    expect(toAdd.length).toBeGreaterThan(0);
    const before = written();
    const mutations = sandbox.store.mutations.length;

    const preview = await ok<Preview>('tagRules.preview', {
      ...productRule(),
      match: 'any',
      groups: [
        [{ kind: 'product', by: 'code', op: 'equals', value: first }, { kind: 'cartLinked' }],
        [{ kind: 'product', by: 'code', op: 'equals', value: second }],
      ],
    });
    expect(preview).toMatchObject({ add: toAdd.length, remove: 0, matched: matching.length, otherChanges: 0, cycles: [] });
    expect(preview.sampleAdd.map((m) => m.id)).toEqual(toAdd.slice(0, 20));
    const name = db.prepare('SELECT display_name FROM members WHERE id = ?').pluck();
    expect(preview.sampleAdd.map((m) => m.displayName)).toEqual(toAdd.slice(0, 20).map((id) => name.get(id)));
    expect(written()).toEqual(before);
    expect(sandbox.store.mutations.length).toBe(mutations);
  });

  it('counts removals from the members holding the tag', async () => {
    const busiest = db.prepare('SELECT tag_id FROM member_tags GROUP BY tag_id ORDER BY count(*) DESC, tag_id LIMIT 1').pluck().get() as number;
    const held = [...holdersOf(busiest)].sort((a, b) => a - b);
    expect(held.length).toBeGreaterThan(0);
    const preview = await ok<Preview>('tagRules.preview', undoRule({ tagId: busiest, groups: [[{ kind: 'triggerTag', tagId: busiest, has: true }]] }));
    expect(preview).toMatchObject({ add: 0, remove: held.length, matched: held.length });
    expect(preview.sampleRemove.map((m) => m.id)).toEqual(held.slice(0, 20));
  });

  it("names the fight the seed's rules would make, as save refuses it, with null for the rule not saved yet", async () => {
    const saved = await ok<Rule>('tagRules.save', productRule());
    const preview = await ok<Preview>('tagRules.preview', undoRule());
    expect(preview.cycles).toEqual([{ ruleIds: [saved.id, null], ruleNames: ['商品Aを買った', 'Aタグなら外す'], tagId: tagA }]);
    const refusal = await fails('tagRules.save', undoRule());
    expect(refusal.details).toEqual({ fights: preview.cycles });
  });

  it('previews an edited rule in its own place, instead of the saved version', async () => {
    const saved = await ok<Rule>('tagRules.save', productRule());
    const dormant = await ok<Rule>('tagRules.save', undoRule({ enabled: false }));
    // Enabling the dormant rule is what would fight; the saved rule keeps its id in the cycle.
    const enabled = await ok<Preview>('tagRules.preview', { ...undoRule(), id: dormant.id });
    expect(enabled.cycles).toEqual([{ ruleIds: [saved.id, dormant.id], ruleNames: ['商品Aを買った', 'Aタグなら外す'], tagId: tagA }]);
    // The first rule narrowed to nobody: its saved version does not run beside the edit.
    const narrowed = await ok<Preview>('tagRules.preview', { ...productRule({ groups: [[{ kind: 'product', by: 'code', op: 'equals', value: 'NO-SUCH-CODE' }]] }), id: saved.id });
    expect(narrowed).toMatchObject({ add: 0, remove: 0, matched: 0, otherChanges: 0, cycles: [] });
  });

  it('refuses a malformed rule with the same fields named as save, and an unknown tag or id', async () => {
    const bad = [
      productRule({ groups: [[{ kind: 'cartLinked' }], [{ kind: 'cartLinked' }]] }),
      productRule({ match: 'any', groups: [Array.from({ length: 6 }, () => ({ kind: 'cartLinked' as const }))] }),
      productRule({ groups: [[{ kind: 'purchaseDate', op: 'on', date: '2026/11/01' }]] }),
      productRule({ name: '   ' }),
      productRule({ groups: [[{ kind: 'purchaseCount', op: 'gte', value: -1 }]] }),
    ];
    for (const args of bad) {
      const previewed = await fails('tagRules.preview', args);
      const saved = await fails('tagRules.save', args);
      expect(previewed.kind).toBe('invalid_argument');
      expect(previewed.details).toEqual(saved.details);
    }
    expect(await fails('tagRules.preview', productRule({ tagId: 999_999 }))).toMatchObject({
      kind: 'invalid_argument',
      details: [{ path: 'tagId', message: 'タグ 999999' }],
    });
    expect(await fails('tagRules.preview', productRule({ groups: [[{ kind: 'triggerTag', tagId: 888_888, has: false }]] }))).toMatchObject({
      details: [{ path: 'groups.0.0.tagId', message: 'トリガータグ 888888' }],
    });
    expect(await fails('tagRules.preview', { ...productRule(), id: 777_777 })).toMatchObject({ kind: 'not_found', message: expect.stringContaining('777777') });
  });

  it('needs no cloud', async () => {
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    const noCloud = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: createSyncEngine({ db, client }) }, () => {});
    const outcome = await noCloud.call('tagRules.preview', productRule());
    expect(outcome).toMatchObject({ result: { add: expect.any(Number), cycles: [] } });
  });
});
