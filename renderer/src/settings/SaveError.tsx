import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { refusalKey } from './save-refusal';
import type { Settings } from './use-settings';

/** Why a save failed: what the core said about keeping secrets here in staff's words, else the usual message. */
export function SaveError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = refusalKey(error);
  if (!key) return <ErrorMessage error={error} />;
  return (
    <p className="error" role="alert" title={error instanceof Error ? error.message : undefined}>
      {t(key)}
    </p>
  );
}

/** Said once above the forms when this PC cannot keep tokens and logins safely, before anyone types one. */
export function StoreNotice({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  if (settings.secretStore !== 'refused' && settings.secretStore !== 'unreadable') return null;
  return (
    <p className="error store-notice" role="alert" data-testid="store-notice">
      {t(`secrets.protection.${settings.secretStore}`)}
    </p>
  );
}
