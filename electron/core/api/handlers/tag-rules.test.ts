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

/** The tag rule API against a real cloud sandbox and a real replica file. */

type Rule = Handlers['tagRules.get']['result'];
type SaveArgs = Handlers['tagRules.save']['args'];

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

async function ok<T = unknown>(name: string, args: unknown): Promise<T> {
  const outcome = await api.call(name, args);
  if ('error' in outcome) throw new Error(`${name}: ${outcome.error.kind} ${outcome.error.message}`);
  return outcome.result as T;
}

async function fails(name: string, args: unknown, using: Api = api) {
  const outcome = await using.call(name, args);
  if (!('error' in outcome)) throw new Error(`${name} succeeded: ${JSON.stringify(outcome.result)}`);
  return outcome.error;
}

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
