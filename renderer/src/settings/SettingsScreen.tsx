import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { NightMode } from '../robot/NightMode';
import { WorkstationName } from '../robot/WorkstationName';
import { CartLogins } from './CartLogins';
import { CloudForm } from './CloudForm';
import { ConcurrencyForm } from './ConcurrencyForm';
import { LineTokenForm, LineTokenWhere } from './LineTokenForm';
import { StoreNotice } from './SaveError';
import { useSettings, type Settings } from './use-settings';
import './settings.css';

/** 設定: everything the first-run flow asked, editable later, each part saved on its own. */
export function SettingsScreen() {
  const { t } = useTranslation();
  const settings = useSettings();
  const data = settings.data;
  return (
    <div className="settings-screen" data-testid="settings-screen">
      <p className="settings-intro muted">{t('settings.intro')}</p>
      <ErrorMessage error={settings.error} />
      {data && (
        <>
          <StoreNotice settings={data} />
          <div className="settings-column">
            <CloudPanel settings={data} />
            <SettingsPanel name="line" purpose={[t('settings.line.purpose')]}>
              <LineTokenWhere />
              <LineTokenForm settings={data} />
            </SettingsPanel>
            <WorkstationName />
          </div>
          <div className="settings-column">
            <SettingsPanel name="cart" purpose={[t('settings.cart.purpose')]}>
              <CartLogins settings={data} />
            </SettingsPanel>
            <SettingsPanel name="robot" purpose={[t('settings.robot.purpose')]}>
              <ConcurrencyForm settings={data} />
            </SettingsPanel>
            <NightMode />
          </div>
        </>
      )}
    </div>
  );
}

function CloudPanel({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  // A new address or token is a new cloud: the form starts afresh from what was saved.
  return (
    <SettingsPanel name="cloud" purpose={[t('settings.cloud.purpose'), t('settings.cloud.saveAndRestart')]}>
      <CloudForm key={`${settings.cloud.baseUrl ?? ''}`} settings={settings} />
    </SettingsPanel>
  );
}

export function SettingsPanel({ name, purpose, children }: { name: string; purpose: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby={`settings-${name}-title`} data-panel={name}>
      <h2 id={`settings-${name}-title`}>{t(`settings.${name}.title`)}</h2>
      {purpose.map((text) => (
        <p key={text} className="settings-purpose">
          {text}
        </p>
      ))}
      {children}
    </section>
  );
}
