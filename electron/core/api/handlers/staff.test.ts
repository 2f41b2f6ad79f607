import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../../../sandbox/cloud/server';
import type { Db } from '../../db/open';
import { createEventBus } from '../../events';
import { createCloudClient } from '../../sync/cloud-client';
import { createSyncEngine } from '../../sync/engine';
import { tempDir, type TempDir } from '../../sync/sync-test-support';
import { handlers } from '../handlers';
import { createApi, type Api } from '../registry';
import { refusalOf, resultOf } from '../../../../test/fixtures/api-calls';

/** The shop's staff list through the API, on a replica file that is closed and opened again. */

let sandbox: CloudSandbox;
let tmp: TempDir;
let db: Db;
let changes = 0;

function apiOn(replica: Db): Api {
  const events = createEventBus();
  events.on('staff.changed', () => (changes += 1));
  const sync = createSyncEngine({ db: replica, client: createCloudClient({ baseUrl: sandbox.url, token: sandbox.token }), retry: { retries: 0 } });
  return createApi(handlers, { db: replica, clock: { now: () => new Date('2026-12-04T01:00:00Z') }, events, sync }, () => {});
}

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 10 });
  tmp = tempDir('tanto-staff-');
  db = tmp.open();
});
afterAll(async () => {
  tmp.remove();
  await sandbox.close();
});

describe('the staff list', () => {
  it('adds names once whatever spaces they were typed with, removes one, and keeps the rest across a restart', async () => {
    const api = apiOn(db);
    const sato = await resultOf<{ id: number; name: string }>(api, 'staff.add', { name: '佐藤　美咲' });
    expect(sato.name).toBe('佐藤 美咲');
    const again = await resultOf<{ id: number }>(api, 'staff.add', { name: '  佐藤  美咲 ' });
    expect(again.id).toBe(sato.id);
    const chen = await resultOf<{ id: number }>(api, 'staff.add', { name: '陳 怡君' });
    await resultOf(api, 'staff.add', { name: 'Tanaka' });
    expect(changes).toBe(4);

    await resultOf(api, 'staff.remove', { id: chen.id });
    expect((await refusalOf(api, 'staff.remove', { id: chen.id })).kind).toBe('not_found');
    expect((await refusalOf(api, 'staff.add', { name: '   ' })).kind).toBe('invalid_argument');
    expect((await refusalOf(api, 'staff.add', { name: 'x'.repeat(101) })).kind).toBe('invalid_argument');

    db.close();
    db = tmp.open();
    const names = await resultOf<Array<{ name: string }>>(apiOn(db), 'staff.list', {});
    expect(names.map((s) => s.name)).toEqual(['佐藤 美咲', 'Tanaka']);
  });
});
