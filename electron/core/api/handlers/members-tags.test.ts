import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { createCloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { sandboxControl, tempDir, type TempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi, type Api } from '../registry';
import { resultOf } from '../../../../test/fixtures/api-calls';

/** Tags set and removed by hand, through the outbox to a real cloud sandbox and back into the replica. */

let sandbox: CloudSandbox;
let tmp: TempDir;
let db: Db;
let api: Api;
let changed: number[][];

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 30, orders: 60 });
});
afterAll(() => sandbox.close());

beforeEach(async () => {
  tmp = tempDir('tanto-member-tags-');
  db = tmp.open();
  const events = createEventBus();
  changed = [];
  events.on('members.changed', ({ ids }) => changed.push(ids));
  const client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
  api = createApi(handlers, { db, clock: { now: () => new Date() }, events, sync: createSyncEngine({ db, client, retry: { retries: 0 } }) }, () => {});
  await ok('sync.now', {});
});
afterEach(() => tmp.remove());

const ok = <T = unknown>(name: string, args: unknown) => resultOf<T>(api, name, args);

/** A member and a tag the member does not have yet. */
function untagged(): { memberId: number; tagId: number } {
  return db
    .prepare(
      `SELECT m.id AS memberId, t.id AS tagId FROM members m CROSS JOIN tags t
       WHERE NOT EXISTS (SELECT 1 FROM member_tags mt WHERE mt.member_id = m.id AND mt.tag_id = t.id)
       ORDER BY m.id, t.id LIMIT 1`,
    )
    .get() as { memberId: number; tagId: number };
}

function memberTag(memberId: number, tagId: number) {
  return db.prepare('SELECT source, source_detail AS sourceDetail FROM member_tags WHERE member_id = ? AND tag_id = ?').get(memberId, tagId);
}

describe('members.addTag and members.removeTag', () => {
  it('sets and removes a tag as manual, with the staff member named, in the cloud and then the replica', async () => {
    const { memberId, tagId } = untagged();
    const added = await ok<{ opId: string }>('members.addTag', { memberId, tagId, staff: '田中' });
    expect(added).toMatchObject({ memberId, tagId });
    expect(changed).toEqual([[memberId]]);
    expect(db.prepare('SELECT kind, payload FROM outbox').all()).toEqual([
      { kind: 'memberTag.add', payload: JSON.stringify({ memberId, tagId, source: 'manual', sourceDetail: '田中' }) },
    ]);

    await ok('sync.now', {});
    expect(memberTag(memberId, tagId)).toEqual({ source: 'manual', sourceDetail: '田中' });
    const log = (await sandboxControl(sandbox).inspect()).mutations.log;
    expect(log.filter((m) => m.opId === added.opId)).toEqual([expect.objectContaining({ kind: 'memberTag.add', status: 'applied' })]);

    await ok('members.removeTag', { memberId, tagId, staff: '田中' });
    await ok('sync.now', {});
    expect(memberTag(memberId, tagId)).toBeUndefined();
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
  });

  it('refuses an unknown member or tag, and bad arguments, without queuing anything', async () => {
    const { memberId, tagId } = untagged();
    expect(await api.call('members.addTag', { memberId: 999_999, tagId })).toMatchObject({
      error: { kind: 'not_found', message: expect.stringContaining('999999') },
    });
    expect(await api.call('members.removeTag', { memberId, tagId: 999_999 })).toMatchObject({
      error: { kind: 'not_found', message: expect.stringContaining('999999') },
    });
    expect(await api.call('members.addTag', { memberId, tagId, staff: '' })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(await api.call('members.addTag', { memberId })).toMatchObject({ error: { kind: 'invalid_argument' } });
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(changed).toEqual([]);
  });
});
