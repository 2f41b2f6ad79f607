import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { formatCount, formatTokyoClock } from '../format';

type Health = SyncStatus['health'];

/** The top bar's words for the sync's real state: never a connected look while the cloud cannot be reached. */
export function badgeText(t: TFunction, status: Pick<SyncStatus, 'health' | 'failure' | 'lag' | 'notSetUp'>, language: string): string {
  if (status.notSetUp) return t('connection.not_set_up');
  const why = status.failure ? t(`syncScreen.failureShort.${status.failure.kind}`) : '';
  const byHealth: Record<Health, () => string> = {
    never_synced: () => (status.failure ? t('connection.never_synced_failing', { why }) : t('connection.never_synced')),
    offline: () => t('connection.offline', { since: formatTokyoClock(status.failure?.since ?? '', language) }),
    behind: () => t('connection.behind', { count: formatCount(status.lag, language) }),
    up_to_date: () => t('connection.up_to_date'),
  };
  return byHealth[status.health]();
}

/** Whether the state is one staff should look into: the badge shows it as an alarm. */
export function isFailing(status: Pick<SyncStatus, 'failure'>): boolean {
  return status.failure !== null;
}

/**
 * Why a list may be empty or old: the cloud is not set up, sync has never succeeded, or it has
 * been failing since a time.
 * Null when sync is fine, so an empty list means there is nothing to show.
 */
export function emptyListReason(t: TFunction, status: Pick<SyncStatus, 'health' | 'failure' | 'notSetUp'>, language: string): string | null {
  if (status.notSetUp) return t('syncScreen.empty.notSetUp');
  const why = status.failure ? t(`syncScreen.failureShort.${status.failure.kind}`) : '';
  if (status.health === 'never_synced') return status.failure ? t('syncScreen.empty.neverSyncedFailing', { why }) : t('syncScreen.empty.neverSynced');
  if (status.failure) return t('syncScreen.empty.offline', { why, since: formatTokyoClock(status.failure.since, language) });
  return null;
}
