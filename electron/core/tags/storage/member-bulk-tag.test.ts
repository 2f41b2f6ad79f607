import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import { insertMember, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { handlers } from '../../api/handlers';
import { createApi, type Api } from '../../api/registry';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { createCloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { enqueueOperation } from '../../sync/outbox';
import { sandboxControl, tempDir, type TempDir } from '../../sync/sync-test-support';
import type { SyncService } from '../../sync/types';
import { bulkTagMembers } from './member-bulk-tag';

const clock = { now: () => new Date('2026-11-20T03:00:00.000Z') };

let tmp: TempDir;
let db: Db;

afterEach(() => tmp.remove());

const outbox = () =>
  (db.prepare('SELECT kind, payload FROM outbox ORDER BY seq').all() as Array<{ kind: string; payload: string }>).map((r) => ({
    kind: r.kind,
    ...(JSON.parse(r.payload) as { memberId: number; tagId: number }),
  }));

describe('bulkTagMembers', () => {
  beforeEach(() => {
    tmp = tempDir('tanto-bulk-tag-');
    db = tmp.open();
    // Members 1-6 are 山田; 7-8 are 佐藤. Tag 1 (VIP) is what is set; tag 2 (休眠) marks members 5-8.
    for (let id = 1; id <= 8; id += 1) insertMember(db, { id, displayName: `会員${id}`, name: id <= 6 ? `山田 ${id}郎` : `佐藤 ${id}子` });
    insertTag(db, 1, 'VIP');
    insertTag(db, 2, '休眠');
    for (const id of [5, 6, 7, 8]) tagMember(db, id, 2);
  });

  it('queues exactly one operation per member whose tag changes, skipping members that hold it or will', () => {
    tagMember(db, 2, 1); // already tagged in the cloud
    enqueueOperation(db, { kind: 'memberTag.add', payload: { memberId: 3, tagId: 1, source: 'manual' } }); // pending add
    tagMember(db, 4, 1);
    enqueueOperation(db, { kind: 'memberTag.remove', payload: { memberId: 4, tagId: 1, source: 'manual' } }); // pending remove: will not hold it
    const before = outbox().length;

    const result = bulkTagMembers(db, { search: { query: '山田' }, tagId: 1, action: 'add', staff: '田中' }, clock);
    expect(result).toEqual({ matched: 6, changed: 4, unchanged: 2, memberIds: [1, 4, 5, 6], dryRun: false });
    expect(outbox().slice(before)).toEqual(
      [1, 4, 5, 6].map((memberId) => ({ kind: 'memberTag.add', memberId, tagId: 1, source: 'manual', sourceDetail: '田中' })),
    );

    const again = bulkTagMembers(db, { search: { query: '山田' }, tagId: 1, action: 'add' }, clock);
    expect(again).toMatchObject({ matched: 6, changed: 0, unchanged: 6, memberIds: [] });
    expect(outbox()).toHaveLength(before + 4);
  });

  it('removes a tag from the members carrying another tag, counting a rejected operation as nothing', () => {
    for (const id of [5, 6, 7]) tagMember(db, id, 1);
    enqueueOperation(db, { kind: 'memberTag.remove', payload: { memberId: 6, tagId: 1, source: 'manual' } });
    db.prepare(`UPDATE outbox SET state = 'rejected', rejected_reason = 'test'`).run();

    const result = bulkTagMembers(db, { search: { tag: '休眠' }, tagId: 1, action: 'remove' }, clock);
    expect(result).toEqual({ matched: 4, changed: 3, unchanged: 1, memberIds: [5, 6, 7], dryRun: false });
    expect(outbox().filter((op) => op.kind === 'memberTag.remove').map((op) => op.memberId)).toEqual([6, 5, 6, 7]);
  });

  it('only counts on a dry run, and refuses a search larger than the limit without queuing anything', () => {
    expect(bulkTagMembers(db, { search: {}, tagId: 1, action: 'add', dryRun: true }, clock)).toMatchObject({ matched: 8, changed: 8, dryRun: true });
    expect(outbox()).toEqual([]);
    expect(() => bulkTagMembers(db, { search: {}, tagId: 1, action: 'add' }, clock, 7)).toThrow(/8 名で、一度に変更できる 7 名を超えています/);
    expect(bulkTagMembers(db, { search: { tag: 2 }, tagId: 1, action: 'add' }, clock, 4)).toMatchObject({ changed: 4 });
    expect(() => bulkTagMembers(db, { search: {}, tagId: 99, action: 'add' }, clock)).toThrow(/タグ 99 は存在しません/);
    expect(outbox()).toHaveLength(4);
  });

  it('is what members.bulkTag does, telling the screens which members changed', async () => {
    const events = createEventBus();
    const changed: number[][] = [];
    events.on('members.changed', ({ ids }) => changed.push(ids));
    const api = createApi(handlers, { db, clock, events, sync: {} as SyncService }, () => {});
    expect(await api.call('members.bulkTag', { tag: 2, tagId: 1, action: 'add', dryRun: true })).toMatchObject({ result: { changed: 4 } });
    expect(changed).toEqual([]);
    expect(await api.call('members.bulkTag', { tag: 2, tagId: 1, action: 'add' })).toMatchObject({ result: { changed: 4, memberIds: [5, 6, 7, 8] } });
    expect(changed).toEqual([[5, 6, 7, 8]]);
    expect(await api.call('members.bulkTag', { tag: 2, tagId: 1, action: 'toggle' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await api.call('members.bulkTag', { tag: 2, action: 'add' })).toMatchObject({ error: { kind: 'invalid_argument' } });
  });
});

describe('members.bulkTag against the cloud', () => {
  let sandbox: CloudSandbox;
  beforeAll(async () => {
    sandbox = await startCloudSandbox({ members: 60, orders: 120 });
  });
  afterAll(() => sandbox.close());

  it('reaches the cloud as one applied operation per changed member, and the replica then holds the tag', async () => {
    tmp = tempDir('tanto-bulk-tag-cloud-');
    db = tmp.open();
    const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
    const api: Api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: createSyncEngine({ db, client, retry: { retries: 0 } }) }, () => {});
    await api.call('sync.now', {});
    const [source, target] = db.prepare('SELECT id FROM tags ORDER BY id LIMIT 2').pluck().all() as number[];
    const holders = (tagId: number) => db.prepare('SELECT member_id FROM member_tags WHERE tag_id = ? ORDER BY member_id').pluck().all(tagId) as number[];
    const carriers = holders(source!);
    const expected = carriers.filter((id) => !holders(target!).includes(id));
    expect(expected.length).toBeGreaterThan(0);

    const result = await api.call('members.bulkTag', { tag: source, tagId: target, action: 'add', staff: '田中' });
    expect(result).toMatchObject({ result: { matched: carriers.length, changed: expected.length, memberIds: expected } });
    const logBefore = (await sandboxControl(sandbox).inspect()).mutations.log.length;
    await api.call('sync.now', {});
    const log = (await sandboxControl(sandbox).inspect()).mutations.log.slice(logBefore);
    expect(log.map((m) => [m.kind, m.status])).toEqual(expected.map(() => ['memberTag.add', 'applied']));
    expect(holders(target!)).toEqual(expect.arrayContaining(carriers));
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(await api.call('members.bulkTag', { tag: source, tagId: target, action: 'add' })).toMatchObject({ result: { changed: 0 } });
  });
});
