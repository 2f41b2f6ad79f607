import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import { useLeaveGuard } from '../components/leave-guard';
import { callAcrossRestart } from './call-across-restart';
import { LockNote } from './LockNote';
import { SaveError } from './SaveError';
import { SecretState } from './SecretState';
import { checkUrl, fieldIssue, fieldIssuesOf } from './settings-issues';
import { useSettingsSaved, type Settings } from './use-settings';

type CloudTest = ResultOf<'settings.testCloud'>;

/** Which field a failed test is about, so its sentence stands beside that field. */
const testField: Record<CloudTest['outcome'], 'baseUrl' | 'token' | null> = {
  ok: null,
  unreachable: 'baseUrl',
  notTantoCloud: 'baseUrl',
  cloudError: 'baseUrl',
  tokenRefused: 'token',
  tokenMissing: 'token',
};

/**
 * The cloud's address and token: where the members and requests come from. Saving tests first,
 * so an address or token the cloud refuses is never saved; the token is entered, never shown.
 */
export function CloudForm({ settings, submitLabel, onSaved }: { settings: Settings; submitLabel?: string; onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSettingsSaved();
  const id = useId();
  const cloud = settings.cloud;
  const [baseUrl, setBaseUrl] = useState(cloud.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [checked, setChecked] = useState<{ baseUrl?: string; token?: string }>({});
  // A test's answer holds for the values it was asked with, and is dropped once either changes.
  const [tested, setTested] = useState<{ values: string; result: CloudTest } | null>(null);
  const urlLocked = cloud.baseUrlLock !== null;
  const tokenLocked = cloud.token.lock !== null;
  const values = `${baseUrl.trim()}\n${token}`;
  const result = tested?.values === values ? tested.result : null;
  // What was just saved counts as saved before the core's new answer arrives.
  const [savedUrl, setSavedUrl] = useState<string | null>(null);
  const dirty = (!urlLocked && baseUrl.trim() !== (savedUrl ?? cloud.baseUrl ?? '')) || token !== '';
  useLeaveGuard(() => (dirty ? t('settings.unsaved') : null));

  const runTest = async (): Promise<CloudTest> => {
    const answer = await callAcrossRestart(api, 'settings.testCloud', { baseUrl: baseUrl.trim(), ...(token ? { token } : {}) });
    setTested({ values, result: answer });
    return answer;
  };
  const test = useMutation({ mutationFn: runTest });
  const save = useMutation({
    mutationFn: async () => {
      const answer = result ?? (await runTest());
      if (answer.outcome !== 'ok') return false;
      // The token first: the address is what makes the core start again with a shop.
      const stored = token ? await callAcrossRestart(api, 'secrets.set', { secret: 'cloudToken', value: token }) : null;
      const after = urlLocked ? undefined : await callAcrossRestart(api, 'settings.save', { cloudUrl: baseUrl.trim() });
      saved(after?.settings, stored?.applies === 'restart' || after?.applies === 'restart');
      setToken('');
      setSavedUrl(baseUrl.trim());
      return true;
    },
    onSuccess: (done) => done && onSaved?.(),
  });

  const check = () => {
    const found = {
      ...(urlLocked ? {} : { baseUrl: checkUrl(baseUrl) }),
      ...(!tokenLocked && cloud.token.state !== 'present' && token === '' ? { token: fieldIssue('required') } : {}),
    };
    setChecked(found);
    return !found.baseUrl && !found.token;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check()) save.mutate();
  };
  const core = fieldIssuesOf(save.error ?? test.error);
  const failedAt = result ? testField[result.outcome] : null;
  const urlIssue = checked.baseUrl ?? core.cloudUrl ?? core.baseUrl;
  const tokenIssue = checked.token ?? core.token;
  const busy = test.isPending || save.isPending;

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t('settings.cloud.title')} data-testid="cloud-form">
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('settings.cloud.baseUrl')}</label>
        <input
          id={`${id}-url`}
          name="cloudUrl"
          type="url"
          translate="no"
          autoComplete="off"
          placeholder="https://cloud.example.jp"
          value={baseUrl}
          readOnly={urlLocked}
          aria-invalid={urlIssue || failedAt === 'baseUrl' ? true : undefined}
          aria-describedby={`${id}-url-error`}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        {cloud.baseUrlLock && <LockNote lock={cloud.baseUrlLock} />}
        <FieldError id={`${id}-url-error`} message={urlIssue} />
        {failedAt === 'baseUrl' && result && <CloudTestMessage result={result} />}
      </div>
      <div className="field">
        <label htmlFor={`${id}-token`}>
          {t('settings.cloud.token')} <SecretState state={cloud.token.state} />
        </label>
        {cloud.token.lock ? (
          <LockNote lock={cloud.token.lock} />
        ) : (
          <>
            <input
              id={`${id}-token`}
              name="cloudToken"
              type="password"
              autoComplete="off"
              value={token}
              aria-invalid={tokenIssue || failedAt === 'token' ? true : undefined}
              aria-describedby={`${id}-token-error`}
              onChange={(e) => setToken(e.target.value)}
            />
            {cloud.token.state === 'present' && <p className="help">{t('settings.secretHint')}</p>}
            {cloud.token.state === 'undecryptable' && <p className="help">{t('settings.undecryptableHint')}</p>}
          </>
        )}
        <FieldError id={`${id}-token-error`} message={tokenIssue} />
        {failedAt === 'token' && result && <CloudTestMessage result={result} />}
      </div>
      {result?.outcome === 'ok' && <CloudTestMessage result={result} />}
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => check() && test.mutate()}>
          {test.isPending ? t('settings.cloud.testing') : t('settings.cloud.test')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {save.isPending ? t('settings.cloud.testing') : (submitLabel ?? t('settings.save'))}
        </button>
        {save.data === true && !dirty && (
          <span role="status" className="notice">
            {t('settings.saved')}
          </span>
        )}
      </div>
      <SaveError error={Object.keys(core).length > 0 ? null : (save.error ?? test.error)} />
    </form>
  );
}

function CloudTestMessage({ result }: { result: CloudTest }) {
  const { t } = useTranslation();
  return (
    <p className="test-result" data-outcome={result.outcome === 'ok' ? 'ok' : 'failed'} data-testid="cloud-test" role={result.outcome === 'ok' ? 'status' : 'alert'}>
      {t(`settings.cloudTest.${result.outcome}`)}
    </p>
  );
}
