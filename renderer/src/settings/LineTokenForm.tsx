import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import { useLeaveGuard } from '../components/leave-guard';
import { callAcrossRestart } from './call-across-restart';
import { LockNote } from './LockNote';
import { SaveError } from './SaveError';
import { SecretState } from './SecretState';
import { checkRequired } from './settings-issues';
import { useSettingsSaved, type Settings } from './use-settings';

/** The LINE channel access token the robot messages customers with; entered, never shown. */
export function LineTokenForm({ settings, submitLabel, onSaved }: { settings: Settings; submitLabel?: string; onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSettingsSaved();
  const id = useId();
  const slot = settings.line.token;
  const [token, setToken] = useState('');
  const [issue, setIssue] = useState<string | undefined>();
  useLeaveGuard(() => (token !== '' ? t('settings.unsaved') : null));
  const save = useMutation({
    mutationFn: (value: string) => callAcrossRestart(api, 'secrets.set', { secret: 'lineToken', value }),
    onSuccess: (answer) => {
      setToken('');
      // A new LINE token starts the core again, so the robot's state is asked again too.
      saved(undefined, answer.applies === 'restart');
      onSaved?.();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkRequired(token);
    setIssue(found);
    if (!found) save.mutate(token.trim());
  };

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t('settings.line.title')} data-testid="line-form">
      <div className="field">
        <label htmlFor={`${id}-token`}>
          {t('settings.line.token')} <SecretState state={slot.state} />
        </label>
        {slot.lock ? (
          <LockNote lock={slot.lock} />
        ) : (
          <>
            <input
              id={`${id}-token`}
              name="lineToken"
              type="password"
              autoComplete="off"
              value={token}
              aria-invalid={issue ? true : undefined}
              aria-describedby={`${id}-error`}
              onChange={(e) => setToken(e.target.value)}
            />
            {slot.state === 'present' && <p className="help">{t('settings.secretHint')}</p>}
            {slot.state === 'undecryptable' && <p className="help">{t('settings.undecryptableHint')}</p>}
          </>
        )}
        <FieldError id={`${id}-error`} message={issue} />
      </div>
      {!slot.lock && (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {submitLabel ?? t('settings.save')}
          </button>
          {save.isSuccess && token === '' && (
            <span role="status" className="notice">
              {t('settings.saved')}
            </span>
          )}
        </div>
      )}
      <SaveError error={save.error} />
    </form>
  );
}

/** Where the token is issued, in the LINE console's own words (which stay as LINE shows them). */
export function LineTokenWhere() {
  const { t } = useTranslation();
  return (
    <p className="settings-purpose">
      {t('settings.line.where')} <span translate="no">LINE Developers › Messaging API</span>
    </p>
  );
}
