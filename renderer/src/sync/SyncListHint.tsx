import { useTranslation } from 'react-i18next';
import { emptyListReason } from './sync-health';
import { useSyncStatus } from './use-sync-status';

/** Under a list: why it may be empty or out of date, when sync has never succeeded or is failing. */
export function SyncListHint() {
  const { t, i18n } = useTranslation();
  const status = useSyncStatus().data;
  const reason = status ? emptyListReason(t, status, i18n.language) : null;
  if (!reason) return null;
  return (
    <p className="warning sync-list-hint" role="status">
      {reason}
    </p>
  );
}
