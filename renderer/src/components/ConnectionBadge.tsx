import { useTranslation } from 'react-i18next';
import { useConnectionState } from '../api/use-connection';

export function ConnectionBadge() {
  const { t } = useTranslation();
  const state = useConnectionState();
  return (
    <span className={`badge badge-${state}`} role="status">
      {t(`connection.${state}`)}
    </span>
  );
}
