import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/use-connection';
import { badgeText, isFailing } from '../sync/sync-health';
import { useSyncStatus } from '../sync/use-sync-status';

/**
 * The top bar's state: the link to the Tanto service while it is not open, then the sync's own
 * state (never synced, offline since, behind by N, up to date), never simply 「接続中」.
 */
export function ConnectionBadge() {
  const { t, i18n } = useTranslation();
  const state = useConnectionState();
  const status = useSyncStatus().data;
  if (state !== 'open' || !status) {
    const shown = state === 'open' ? 'connecting' : state;
    return (
      <span className={`badge badge-${shown}`} role="status" data-state={shown}>
        {t(`connection.${shown}`)}
      </span>
    );
  }
  return (
    <span className={`badge ${isFailing(status) ? 'badge-closed' : `badge-${status.health}`}`} role="status" data-state={status.health}>
      {badgeText(t, status, i18n.language)}
    </span>
  );
}
