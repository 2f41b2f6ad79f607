import path from 'node:path';
import { handlers } from '../../electron/core/api/handlers';
import { createApi, type Api } from '../../electron/core/api/registry';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { createEventBus, type EventBus } from '../../electron/core/events';
import type { SyncService, SyncStatus } from '../../electron/core/sync/types';
import { insertCrosssellConfig, insertLocRequest, insertMember } from '../../test/fixtures/replica';
import { prng } from '../stats';

const families = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村'];
const givens = ['太郎', '花子', '健太', '美咲', '翔', '陽菜', 'さくら', '蓮'];
const statuses = ['new', 'queued', 'running', 'failed_retryable', 'needs_manual', 'done'] as const;
const kinds = ['crosssell', 'crosssell', 'upsell', 'cancel'] as const;
const START = Date.parse('2026-01-01T00:00:00+09:00');
const SPAN_MS = 320 * 86_400_000;

const idleSync: SyncStatus = {
  cursor: 0, lag: 0, pending: 0, rejected: [], quarantined: [], running: false, lastPullAt: null, lastPushAt: null, lastError: null, failure: null, health: 'never_synced',
};
const noSync: SyncService = { status: () => idleSync, now: () => Promise.reject(new Error('no cloud in this benchmark')) };

export interface DashboardShop {
  db: Db;
  api: Api;
  events: EventBus;
  close(): void;
}

/**
 * A replica holding `requests` LOC requests from a fifth as many members, spread over most of a
 * year, across every status and kind the dashboard filters by, written straight to SQLite: the
 * benchmark is about the screen, and a sync of this size is measured by `ingest`.
 */
export function seedDashboardShop(dir: string, requests: number): DashboardShop {
  const db = openDatabase(path.join(dir, `replica-${requests}.sqlite`));
  const random = prng(requests);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const members = Math.max(1, Math.floor(requests / 5));
  db.transaction(() => {
    for (let c = 1; c <= 12; c += 1) insertCrosssellConfig(db, { id: c, name: `クロスセル${c}`, productName: `商品${c}`, productCode: `CS-${c}` });
    for (let id = 1; id <= members; id += 1) insertMember(db, { id, displayName: `${pick(families)}${pick(givens)}${id}`, name: `${pick(families)} ${pick(givens)}` });
    for (let id = 1; id <= requests; id += 1) {
      const kind = pick(kinds);
      insertLocRequest(db, {
        id,
        memberId: 1 + Math.floor(random() * members),
        kind,
        status: pick(statuses),
        requestedAt: new Date(START + Math.floor(random() * SPAN_MS)).toISOString(),
        ...(kind === 'crosssell' ? { crosssellConfigId: 1 + Math.floor(random() * 12) } : {}),
      });
    }
  })();
  db.exec('ANALYZE');
  const events = createEventBus();
  const api = createApi(handlers, { db, clock: { now: () => new Date() }, events, sync: noSync }, () => undefined);
  return { db, api, events, close: () => db.close() };
}
