import { ApiError } from '../api/errors';
import type { Db } from '../db/open';
import { pendingCount, rejectedOperations } from './outbox';
import { readQuarantined } from './quarantine';
import { readCursor, readSyncState } from './sync-state';
import type { SyncService, SyncStatus } from './types';

/**
 * Sync for a core with no cloud yet: it reports "not set up" as its own state (the badge and the
 * screens say so instead of "never synced" or an error) and refuses sync.now with a reason the
 * screens can word, until the shop's settings are saved and the core starts again with them.
 */
export function createNotSetUpSync(db: Db): SyncService & { start(): void; stop(): Promise<void> } {
  return {
    status(): SyncStatus {
      const cursor = readCursor(db);
      return {
        cursor,
        lag: 0,
        pending: pendingCount(db),
        rejected: rejectedOperations(db),
        quarantined: readQuarantined(db),
        running: false,
        lastPullAt: readSyncState(db, 'last_pull_at'),
        lastPushAt: readSyncState(db, 'last_push_at'),
        lastError: null,
        failure: null,
        health: 'never_synced',
        notSetUp: true,
      };
    },
    now() {
      return Promise.reject(new ApiError('unavailable', 'クラウドが設定されていないため同期できません。設定画面でクラウドのアドレスとトークンを入力してください', { code: 'syncNotSetUp' }));
    },
    start: () => undefined,
    stop: () => Promise.resolve(),
  };
}
