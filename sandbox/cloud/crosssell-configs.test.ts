import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCloudClient, type CloudClient } from '../../electron/core/sync/cloud-client';
import type { MutationResult } from '../../electron/core/sync/mutation-schemas';
import { startCloudSandbox, type CloudSandbox } from './server';

/** The cloud sandbox's rules for cross-sell configs, over HTTP as a workstation reaches them. */

let sandbox: CloudSandbox;
let client: CloudClient;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 20, orders: 20 });
  client = createCloudClient({ baseUrl: sandbox.url, token: sandbox.token });
});
afterAll(() => sandbox.close());

const config = {
  name: 'Toner クロスセル',
  cart: 'ecforce',
  cartLoginRef: 'ecforce-main',
  productName: '保湿化粧水 150mL',
  productCode: 'SKN-002',
  kind: 'single' as const,
  memoWrites: [],
  tagsAdd: [],
  tagsRemove: [],
  messageTemplate: '',
  stopRunningSubscriptions: false,
};

async function save(payload: Record<string, unknown>): Promise<MutationResult> {
  const [result] = await client.postMutations([{ opId: crypto.randomUUID(), kind: 'crosssellConfig.save', payload: { ...config, ...payload } as typeof config }]);
  return result!;
}

describe('cross-sell configs in the cloud sandbox', () => {
  it('refuses a second config under a name already used, compared trimmed, without case or width', async () => {
    const first = await save({});
    expect(first.status).toBe('applied');
    for (const name of ['Toner クロスセル', ' toner クロスセル ', 'ＴＯＮＥＲ　クロスセル']) {
      const again = await save({ name });
      expect({ name, status: again.status, reason: again.reason }).toEqual({
        name,
        status: 'rejected',
        reason: `the name is already used by cross-sell config ${first.entityId}`,
      });
    }
    expect([...sandbox.store.crosssellConfigs.values()].filter((c) => c.name.toLowerCase().includes('toner'))).toHaveLength(1);
    // The config itself keeps its name when it is saved again, and another name is free.
    expect((await save({ id: first.entityId, name: 'TONER クロスセル' })).status).toBe('applied');
    expect((await save({ name: 'Toner クロスセル 2' })).status).toBe('applied');
  });

  it('keeps the completion status a config finishes with, and carries it on the feed', async () => {
    const saved = await save({ name: '完了ステータス付き', completionStatus: '対応完了' });
    expect(sandbox.store.crosssellConfigs.get(saved.entityId!)?.completionStatus).toBe('対応完了');
    const fed = sandbox.store.changesSince(0, 100_000).changes.filter((c) => c.entity === 'crosssell_config' && (c.data as { id: number }).id === saved.entityId);
    expect(fed.at(-1)?.data).toMatchObject({ completionStatus: '対応完了' });
    const refused = await client
      .postMutations([{ opId: crypto.randomUUID(), kind: 'crosssellConfig.save', payload: { ...config, name: '不正', completionStatus: 'done' } as never }])
      .then((r) => r[0]!)
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 'rejected', reason: expect.stringContaining('completionStatus') });
  });
});
