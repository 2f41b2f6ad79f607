import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inDesktopApp } from '../api/desktop-shell';
import { setAlertSettings, useAlertSettings } from './alert-settings';

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Whether this PC shows a desktop notification (and rings) when a request newly needs a person.
 * The desktop app notifies through Windows itself, whatever the page may do, so there it says so
 * and offers only the chime for the window staff are looking at.
 */
export function AlertSettingsForm() {
  const { t } = useTranslation();
  const settings = useAlertSettings();
  const [allowed, setAllowed] = useState(permission);
  if (inDesktopApp()) {
    return (
      <section className="panel alert-settings" aria-labelledby="alert-settings-title">
        <h2 id="alert-settings-title">{t('clerk.alerts.title')}</h2>
        <p className="muted" role="note">
          {t('clerk.alerts.desktop')}
        </p>
        <label className="check">
          <input type="checkbox" name="sound" checked={settings.sound} onChange={(e) => setAlertSettings({ ...settings, sound: e.target.checked })} />
          {t('clerk.alerts.soundInWindow')}
        </label>
      </section>
    );
  }
  return (
    <section className="panel alert-settings" aria-labelledby="alert-settings-title">
      <h2 id="alert-settings-title">{t('clerk.alerts.title')}</h2>
      <label className="check">
        <input
          type="checkbox"
          name="notify"
          checked={settings.notify}
          onChange={(e) => {
            setAlertSettings({ ...settings, notify: e.target.checked });
            // The browser asks the clerk only in answer to their own click.
            if (e.target.checked && allowed === 'default') void Notification.requestPermission().then(setAllowed);
          }}
        />
        {t('clerk.alerts.notify')}
      </label>
      <label className="check">
        <input type="checkbox" name="sound" checked={settings.sound} onChange={(e) => setAlertSettings({ ...settings, sound: e.target.checked })} />
        {t('clerk.alerts.sound')}
      </label>
      {settings.notify && (allowed === 'denied' || allowed === 'unsupported') && (
        <p className="error" role="note">
          {t('clerk.alerts.blocked')}
        </p>
      )}
    </section>
  );
}
