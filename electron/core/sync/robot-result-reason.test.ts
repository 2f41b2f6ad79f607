import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robotResultText } from '../../../renderer/src/loc/robot-result';
import { catalogs } from '../../../renderer/src/i18n/catalogs';
import { startCloudSandbox, type CloudSandbox } from '../../../sandbox/cloud/server';
import { resultOf } from '../../../test/fixtures/api-calls';
import { handlers } from '../api/handlers';
import { createApi } from '../api/registry';
import type { Handlers } from '../api/types';
import { createEventBus } from '../events';
import { coreReasons } from '../loc/reasons';
import { createCloudClient } from './cloud-client';
import { createSyncEngine } from './engine';
import { enqueueOperation } from './outbox';
import { tempDir, type TempDir } from './sync-test-support';

/**
 * The robot's result as data: sent with its text in robot.runResult, kept by the cloud, carried
 * back in the feed into the replica, and answered by the API, where the screens say it in the
 * viewer's language.
 */
let sandbox: CloudSandbox;
let dir: TempDir;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 20, orders: 40 });
  dir = tempDir();
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});
afterAll(async () => {
  await sandbox.close();
  dir.remove();
});

const summaryText = '受注 100245 を作成しました（中村 葵 様）。注意: カートの顧客名「中村 葵」が友だちの氏名「佐藤 恵子」と異なります（電話番号は一致しています）';
const summary = coreReasons.sentences(coreReasons.orderCreated('100245', '中村 葵'), coreReasons.notice({ key: 'customerNameDiffers', params: ['中村 葵', '佐藤 恵子'] }));
const mismatch = { key: 'customerPhoneMismatch', params: ['高橋 翔太', { key: 'phoneMissing', params: [] }, '高橋 翔太', '070-9999-8888'] };

describe("the robot's result as data", () => {
  it('travels from the workstation through the cloud and the feed into the replica and out of the API', async () => {
    const db = dir.open();
    const engine = createSyncEngine({ db, client: createCloudClient({ baseUrl: sandbox.url, token: sandbox.token }), retry: { retries: 1, sleep: async () => {} } });
    const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: engine }, () => {});
    await engine.now();
    const [done, manual, older] = db.prepare("SELECT id FROM loc_requests WHERE status <> 'done' ORDER BY id LIMIT 3").pluck().all() as number[];
    expect(older).toBeDefined();

    enqueueOperation(db, { kind: 'robot.runResult', payload: { requestId: done!, outcome: 'done', message: summaryText, reason: summary, completionStatus: 'クロスセル受付' } });
    enqueueOperation(db, { kind: 'robot.runResult', payload: { requestId: manual!, outcome: 'needs_manual', message: 'カートの顧客（高橋 翔太、電話番号 未登録）…', reason: mismatch } });
    // A result from a robot that did not keep its message as data.
    enqueueOperation(db, { kind: 'robot.runResult', payload: { requestId: older!, outcome: 'needs_manual', message: '在庫切れのため手動で対応してください' } });
    expect(await engine.now()).toMatchObject({ pushed: 3, rejected: 0 });

    expect(sandbox.store.locRequests.get(done!)?.robotResult).toMatchObject({ outcome: 'done', message: summaryText, reason: summary });
    const stored = JSON.parse(db.prepare('SELECT robot_result FROM loc_requests WHERE id = ?').pluck().get(manual!) as string) as unknown;
    expect(stored).toMatchObject({ outcome: 'needs_manual', reason: mismatch });

    const detail = await resultOf<Handlers['loc.get']['result']>(api, 'loc.get', { id: done! });
    const listed = await resultOf<Handlers['loc.list']['result']>(api, 'loc.list', { sort: { field: 'id', direction: 'asc' }, status: ['needs_manual'] });
    const row = (id: number) => listed.items.find((r) => r.id === id)?.robotResult;
    const en = i18next.getFixedT('en');
    expect(robotResultText(en, detail.robotResult)).toBe(
      'Created order 100245 (for 中村 葵). Note: The cart\'s customer name "中村 葵" differs from the friend\'s name "佐藤 恵子" (the phone numbers match)',
    );
    expect(robotResultText(i18next.getFixedT('ja'), detail.robotResult)).toBe(summaryText);
    expect(robotResultText(en, row(manual!))).toContain('(高橋 翔太, phone not registered)');
    expect(robotResultText(i18next.getFixedT('zh-TW'), row(manual!))).toContain('電話 未登錄');
    expect(robotResultText(en, row(older!))).toBe('在庫切れのため手動で対応してください');
  });
});
