import { v4 as uuidv4 } from 'uuid';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import type { Db } from '../db/open';
import { createEventBus } from '../events';
import { createCloudClient, type CloudClient } from './cloud-client';
import { createSyncEngine, type SyncEngine } from './engine';
import { localCounts, sandboxControl, tempDir, type TempDir } from './sync-test-support';

/** Tag rules made, changed and deleted in the cloud sandbox, pulled into a real replica file. */

let sandbox: CloudSandbox;
let dir: TempDir;
let db: Db;
let client: CloudClient;
let engine: SyncEngine;
let changed: number[][];
let replicas = 0;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 40, orders: 80 });
  dir = tempDir('tanto-tag-rules-sync-');
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

beforeEach(async () => {
  db = dir.open(`replica-${(replicas += 1)}.sqlite`);
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  const events = createEventBus();
  changed = [];
  events.on('tagRules.changed', ({ ids }) => changed.push(ids));
  engine = createSyncEngine({ db, client, events, retry: { retries: 0 } });
  await engine.now();
  changed.length = 0;
});

async function mutate(kind: string, payload: unknown): Promise<number> {
  const [result] = await client.postMutations([{ opId: uuidv4(), kind, payload }]);
  expect(result).toMatchObject({ status: 'applied' });
  return result!.entityId!;
}

const rowOf = (id: number) =>
  db.prepare('SELECT id, name, tag_id AS tagId, action, match, groups, enabled, created_at AS createdAt, updated_at AS updatedAt FROM tag_rules WHERE id = ?').get(id) as
    | { id: number; name: string; tagId: number; action: string; match: string; groups: string; enabled: number; createdAt: string; updatedAt: string }
    | undefined;

const definition = {
  name: '化粧水購入者',
  tagId: 1,
  action: 'add',
  match: 'any',
  groups: [
    [{ kind: 'product', by: 'code', op: 'equals', value: 'SKN-002' }, { kind: 'subscriptionStatus', match: 'only', status: 'active' }],
    [{ kind: 'triggerTag', tagId: 2, has: true }],
  ],
  enabled: true,
};

it('pulls a created rule with the creation time the cloud gave it, keeps it through an update, and deletes it', async () => {
  const id = await mutate('tagRule.save', definition);
  await engine.now();
  const created = rowOf(id)!;
  expect(created).toMatchObject({ name: '化粧水購入者', tagId: 1, action: 'add', match: 'any', enabled: 1 });
  expect(JSON.parse(created.groups)).toEqual(definition.groups);
  expect(created.createdAt).toBe(sandbox.store.tagRules.get(id)!.createdAt);
  expect(changed).toEqual([[id]]);

  await sandboxControl(sandbox).advanceClock(60);
  await mutate('tagRule.save', { ...definition, id, name: '化粧水購入者（定期）', enabled: false });
  await engine.now();
  const updated = rowOf(id)!;
  expect(updated).toMatchObject({ name: '化粧水購入者（定期）', enabled: 0, createdAt: created.createdAt });
  expect(Date.parse(updated.updatedAt) - Date.parse(created.createdAt)).toBeGreaterThanOrEqual(60_000);

  // Pulling nothing new announces nothing.
  await engine.now();
  expect(changed).toEqual([[id], [id]]);

  await mutate('tagRule.delete', { id });
  await engine.now();
  expect(rowOf(id)).toBeUndefined();
  expect(changed).toEqual([[id], [id], [id]]);
  expect(localCounts(db)).toEqual((await sandboxControl(sandbox).inspect()).counts);
});

it('quarantines malformed rules with their reason and applies the rest of the page', async () => {
  const now = sandbox.store.clock.now().toISOString();
  const rule = (id: number, patch: Record<string, unknown>) => ({ id, ...definition, createdAt: now, updatedAt: now, ...patch });
  const bad = [
    sandbox.store.appendRaw('tag_rule', 'upsert', rule(9001, { groups: [[{ kind: 'purchaseCount', op: 'gte', value: -1 }]] })),
    sandbox.store.appendRaw('tag_rule', 'upsert', rule(9002, { groups: [[{ kind: 'weather', is: 'sunny' }]] })),
    sandbox.store.appendRaw('tag_rule', 'upsert', rule(9003, { match: 'all', groups: [[{ kind: 'cartLinked' }], [{ kind: 'cartLinked' }]] })),
    sandbox.store.appendRaw('tag_rule', 'upsert', rule(9004, { tagId: 999_999 })),
    sandbox.store.appendRaw('tag_rule', 'upsert', rule(9005, { createdAt: 'yesterday' })),
  ];
  const good = await mutate('tagRule.save', { ...definition, name: '正しいルール' });

  const result = await engine.now();
  expect(result).toMatchObject({ applied: 1, quarantined: 5 });
  expect(rowOf(good)).toMatchObject({ name: '正しいルール' });
  expect(db.prepare('SELECT count(*) FROM tag_rules WHERE id > 9000').pluck().get()).toBe(0);
  expect(changed).toEqual([[good]]);

  const quarantined = engine.status().quarantined.filter((q) => q.entity === 'tag_rule');
  expect(quarantined.map((q) => q.seq)).toEqual(bad.map((b) => b.seq));
  const [count, kind, all, orphan, time] = quarantined.map((q) => q.reason);
  expect(count).toMatch(/^invalid tag_rule upsert: groups\.0\.0\.value: /);
  expect(kind).toMatch(/^invalid tag_rule upsert: groups\.0\.0/);
  expect(all).toBe('invalid tag_rule upsert: groups: A "match all" rule has exactly one group of conditions.');
  expect(orphan).toMatch(/^tag_rule upsert refused by the database: FOREIGN KEY constraint failed/);
  expect(time).toMatch(/^invalid tag_rule upsert: createdAt: /);
});

it("drops a deleted tag's rules with it and says which", async () => {
  const now = sandbox.store.clock.now().toISOString();
  sandbox.store.upsert('tag', { id: 500, name: '期間限定', folder: null, updatedAt: now });
  const id = await mutate('tagRule.save', { ...definition, name: '期間限定タグ', tagId: 500 });
  await engine.now();
  expect(rowOf(id)).toMatchObject({ tagId: 500 });
  changed.length = 0;

  sandbox.store.remove('tag', { id: 500 });
  await engine.now();
  expect(rowOf(id)).toBeUndefined();
  expect(changed).toEqual([[id]]);
});
