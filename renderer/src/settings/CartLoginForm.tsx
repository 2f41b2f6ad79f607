import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import { useLeaveGuard } from '../components/leave-guard';
import { callAcrossRestart } from './call-across-restart';
import { SaveError } from './SaveError';
import type { CartLoginTest } from './cart-rights';
import { CartTestResult } from './CartTestResult';
import { checkEmail, checkRequired, checkUrl, fieldIssue, fieldIssuesOf } from './settings-issues';
import { useSettingsSaved } from './use-settings';

interface Values {
  baseUrl: string;
  email: string;
  password: string;
}

/** The core's cart-login rules carry no code: each field has one rule the screen words itself. */
const loginRules = { baseUrl: fieldIssue('url'), email: fieldIssue('email'), password: fieldIssue('required') };

/** Which field a failed test is about, so the sentence stands where staff look. */
const failedField: Partial<Record<CartLoginTest['outcome'], keyof Values>> = {
  loginRefused: 'password',
  unreachable: 'baseUrl',
  siteError: 'baseUrl',
};

/**
 * A cart login entered here: 接続テスト logs in to the cart with the robot's own browser and
 * reports the rights the login lacks; saving tests first and keeps only a login with all three.
 * The password goes to the core once per call and is never shown again.
 */
export function CartLoginForm({ initial, onSaved, onCancel }: { initial?: Partial<Values> & { ref?: string }; onSaved?: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSettingsSaved();
  const id = useId();
  const [values, setValues] = useState<Values>({ baseUrl: initial?.baseUrl ?? '', email: initial?.email ?? '', password: '' });
  const [checked, setChecked] = useState<Partial<Record<keyof Values, string>>>({});
  const [tested, setTested] = useState<{ key: string; result: CartLoginTest } | null>(null);
  const key = JSON.stringify(values);
  const result = tested?.key === key ? tested.result : null;
  const dirty = values.password !== '' || values.email !== (initial?.email ?? '') || values.baseUrl !== (initial?.baseUrl ?? '');
  useLeaveGuard(() => (dirty ? t('settings.unsaved') : null));
  const trimmed = () => ({ baseUrl: values.baseUrl.trim(), email: values.email.trim(), password: values.password });

  const runTest = async () => {
    const answer = await callAcrossRestart(api, 'settings.testCartLogin', { cart: 'ecforce', ...trimmed() });
    setTested({ key, result: answer });
    return answer;
  };
  const test = useMutation({ mutationFn: runTest });
  const save = useMutation({
    mutationFn: async () => {
      const answer = result ?? (await runTest());
      if (answer.outcome !== 'ok') return false;
      // A new login's ref comes from the core (the same site and e-mail always give the same one).
      await callAcrossRestart(api, 'secrets.set', { secret: 'cartLogin', cart: 'ecforce', ...(initial?.ref ? { ref: initial.ref } : {}), ...trimmed() });
      saved();
      return true;
    },
    onSuccess: (done) => {
      if (!done) return;
      setValues({ baseUrl: '', email: '', password: '' });
      setTested(null);
      onSaved?.();
    },
  });

  const check = () => {
    const found = { baseUrl: checkUrl(values.baseUrl), email: checkEmail(values.email), password: checkRequired(values.password) };
    setChecked(found);
    return !found.baseUrl && !found.email && !found.password;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (check()) save.mutate();
  };
  const core = fieldIssuesOf(save.error ?? test.error, loginRules);
  const failedAt = result ? failedField[result.outcome] : undefined;
  const busy = test.isPending || save.isPending;
  const field = (name: keyof Values, type: 'url' | 'email' | 'password', label: string) => {
    const issue = checked[name] ?? core[name];
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          name={`cart-${name}`}
          type={type}
          autoComplete={type === 'password' ? 'new-password' : 'off'}
          {...(type === 'url' ? { translate: 'no' as const, placeholder: 'https://shop.ec-force.com/admin' } : {})}
          value={values[name]}
          aria-invalid={issue || failedAt === name ? true : undefined}
          aria-describedby={`${id}-${name}-error`}
          onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
        />
        <FieldError id={`${id}-${name}-error`} message={issue} />
        {failedAt === name && result && <CartTestResult result={result} />}
      </div>
    );
  };

  return (
    <form className="settings-form cart-login-form" onSubmit={submit} noValidate aria-label={t('settings.cart.addTitle')} data-testid="cart-login-form">
      {field('baseUrl', 'url', t('settings.cart.baseUrl'))}
      <div className="login-pair">
        {field('email', 'email', t('settings.cart.email'))}
        {field('password', 'password', t('settings.cart.password'))}
      </div>
      {result && !failedAt && <CartTestResult result={result} />}
      {(test.isPending || save.isPending) && (
        <p className="test-result" data-outcome="pending" role="status">
          {t('settings.cart.testing')}
        </p>
      )}
      <div className="form-actions">
        <button type="button" disabled={busy} onClick={() => check() && test.mutate()}>
          {t('settings.cart.test')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {t('settings.cart.save')}
        </button>
        {onCancel && (
          <button type="button" disabled={busy} onClick={onCancel}>
            {t('settings.cart.cancel')}
          </button>
        )}
      </div>
      <SaveError error={Object.keys(core).length > 0 ? null : (save.error ?? test.error)} />
    </form>
  );
}
