import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ZoneLabel } from '../components/ShopTime';
import { formatCount } from '../format';
import { SecretState } from './SecretState';
import type { Settings } from './use-settings';

/** The last step: what the shop set up, and what it left for the 設定 screen (未設定). */
export function SetupSummary({ settings }: { settings: Settings }) {
  const { t, i18n } = useTranslation();
  const logins = settings.cartLogins.filter((login) => login.state === 'present').length;
  const api = useApi();
  // The same query as the night-mode step, so the summary shows what that step just saved.
  const night = useQuery({ queryKey: ['night.get'], queryFn: () => api.call('night.get', {}) }).data?.window;
  return (
    <>
      <p className="settings-purpose">{t('settings.setup.doneIntro')}</p>
      <dl className="facts setup-summary" data-testid="setup-summary">
        <dt>{t('settings.setup.summary.cloud')}</dt>
        <dd translate="no">{settings.cloud.baseUrl}</dd>
        <dt>{t('settings.setup.summary.line')}</dt>
        <dd>
          <SecretState state={settings.line.token.state} />
        </dd>
        <dt>{t('settings.setup.summary.cart')}</dt>
        <dd data-field="cart">{logins > 0 ? t('settings.setup.summary.cartCount', { count: formatCount(logins, i18n.language) }) : <SecretState state="missing" />}</dd>
        <dt>{t('settings.setup.summary.workstation')}</dt>
        <dd translate="no">{settings.workstation.name}</dd>
        <dt>{t('settings.setup.summary.concurrency')}</dt>
        <dd>{formatCount(settings.robot.concurrency, i18n.language)}</dd>
        <dt>{t('settings.setup.summary.night')}</dt>
        <dd data-field="night">
          {night?.enabled ? (
            <>
              {t('settings.setup.summary.nightWindow', { start: night.start, end: night.end })} <ZoneLabel />
            </>
          ) : night ? (
            t('settings.setup.summary.nightOff')
          ) : null}
        </dd>
      </dl>
    </>
  );
}
