import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CrosssellConfigData } from '../../sync/change-schemas';
import { applyPage } from '../../sync/apply';
import { openDatabase, type Db } from '../open';
import { getCrosssellConfig, listCrosssellConfigs } from './crosssell';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:', { quickCheck: false });
});
afterEach(() => db.close());

const updatedAt = '2026-11-01T00:00:00.000Z';
const full: CrosssellConfigData = {
  id: 7, name: '定期乗り換え', cart: 'ecforce', cartLoginRef: 'ecforce-main', productName: '【定期】青汁 30包', productCode: 'SUB-HLT-001',
  kind: 'subscription', memoWrites: [{ field: 'order_memo', text: '{カート顧客名}様' }], tagsAdd: [3, 1], tagsRemove: [2],
  messageTemplate: 'ありがとうございます', stopRunningSubscriptions: true, repeatWindowHours: 48,
  completionStatus: '対応完了', updatedAt,
};
const bare: CrosssellConfigData = {
  ...full, id: 3, name: '単品', cartLoginRef: null, kind: 'single', memoWrites: [], tagsAdd: [], tagsRemove: [], messageTemplate: '', stopRunningSubscriptions: false, repeatWindowHours: null,
  completionStatus: 'クロスセル受付',
};

/** Through the feed's own writer, as configs reach the replica in the product. */
function pull(...configs: CrosssellConfigData[]): void {
  const changes = configs.map((data, i) => ({ seq: i + 1, entity: 'crosssell_config', op: 'upsert', data }));
  applyPage(db, { changes, next: changes.length, head: changes.length, hasMore: false }, { clock: { now: () => new Date(updatedAt) } });
}

it('reads configs back as they came from the feed: JSON parsed, booleans as booleans, nulls kept', () => {
  pull(full, bare);
  expect(getCrosssellConfig(db, 7)).toEqual(full);
  expect(getCrosssellConfig(db, 3)).toEqual(bare);
  expect(getCrosssellConfig(db, 3)?.stopRunningSubscriptions).toBe(false);
  expect(getCrosssellConfig(db, 99)).toBeUndefined();
  expect(listCrosssellConfigs(db).map((c) => c.id)).toEqual([3, 7]);
});

it('reads a config the cloud sent without a completion status as finishing with クロスセル受付', () => {
  const { completionStatus: _status, ...older } = full;
  pull({ ...older, id: 8 }, { ...full, id: 9, completionStatus: null }, { ...full, id: 10, completionStatus: '受付断念' });
  expect(getCrosssellConfig(db, 8)?.completionStatus).toBe('クロスセル受付');
  expect(getCrosssellConfig(db, 9)?.completionStatus).toBe('クロスセル受付');
  expect(getCrosssellConfig(db, 10)?.completionStatus).toBe('受付断念');
});
