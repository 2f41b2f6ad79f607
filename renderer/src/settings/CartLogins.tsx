import { useMutation } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import type { CartLoginTest } from './cart-rights';
import { CartLoginForm } from './CartLoginForm';
import { CartTestResult } from './CartTestResult';
import { LockNote } from './LockNote';
import { SecretState } from './SecretState';
import type { Settings } from './use-settings';

type Login = Settings['cartLogins'][number];

/**
 * The cart logins this workstation keeps: each with its state, a 接続テスト of the stored login
 * and a way to enter it again; and a form to add one. Passwords are never shown.
 */
export function CartLogins({ settings, addOpen = false, onSaved }: { settings: Settings; addOpen?: boolean; onSaved?: () => void }) {
  const { t } = useTranslation();
  const logins = settings.cartLogins;
  const [adding, setAdding] = useState(addOpen || logins.length === 0);
  const [editing, setEditing] = useState<string | null>(null);
  const locked = settings.cartLoginLock !== null;

  return (
    <div className="cart-logins" data-testid="cart-logins">
      {logins.length === 0 ? (
        !adding && <p className="muted">{t('settings.cart.none')}</p>
      ) : (
        <table aria-label={t('settings.cart.saved')}>
          <thead>
            <tr>
              <th scope="col">{t('settings.cart.col.site')}</th>
              <th scope="col">{t('settings.cart.col.email')}</th>
              <th scope="col">{t('settings.cart.col.state')}</th>
              <th scope="col">{t('settings.cart.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {logins.map((login) => (
              <LoginRow key={login.ref} login={login} locked={locked} editing={editing === login.ref} onEdit={(on) => setEditing(on ? login.ref : null)} onSaved={onSaved} />
            ))}
          </tbody>
        </table>
      )}
      {settings.cartLoginLock ? (
        <LockNote lock={settings.cartLoginLock} />
      ) : adding ? (
        <fieldset className="cart-login-new">
          <legend>{t('settings.cart.addTitle')}</legend>
          <CartLoginForm
            onSaved={() => {
              setAdding(false);
              onSaved?.();
            }}
            {...(logins.length > 0 ? { onCancel: () => setAdding(false) } : {})}
          />
        </fieldset>
      ) : (
        <button type="button" onClick={() => setAdding(true)}>
          {t('settings.cart.add')}
        </button>
      )}
    </div>
  );
}

function hostOf(login: Login): string {
  if (login.baseUrl) {
    try {
      return new URL(login.baseUrl).host;
    } catch {
      return login.baseUrl;
    }
  }
  return login.site ?? '';
}

function LoginRow({ login, locked, editing, onEdit, onSaved }: { login: Login; locked: boolean; editing: boolean; onEdit: (on: boolean) => void; onSaved?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [result, setResult] = useState<CartLoginTest | null>(null);
  const test = useMutation({
    mutationFn: () => api.call('settings.testCartLogin', { ref: login.ref }),
    onMutate: () => setResult(null),
    onSuccess: setResult,
  });
  const readable = login.state === 'present';
  return (
    <Fragment>
      <tr data-ref={login.ref} data-state={login.state}>
        <td translate="no">{hostOf(login)}</td>
        <td translate="no">{login.email ?? '—'}</td>
        <td>
          <SecretState state={login.state} />
        </td>
        <td className="row-actions">
          {readable && (
            <button type="button" disabled={test.isPending} onClick={() => test.mutate()}>
              {t('settings.cart.test')}
            </button>
          )}
          {!locked && (
            <button type="button" aria-expanded={editing} onClick={() => onEdit(!editing)}>
              {t('settings.cart.enterAgain')}
            </button>
          )}
        </td>
      </tr>
      {(test.isPending || result || test.error) && (
        <tr className="test-row">
          <td colSpan={4}>
            {test.isPending && (
              <p className="test-result" data-outcome="pending" role="status">
                {t('settings.cart.testing')}
              </p>
            )}
            {result && <CartTestResult result={result} />}
            <ErrorMessage error={test.error} />
          </td>
        </tr>
      )}
      {editing && (
        <tr className="test-row">
          <td colSpan={4}>
            <CartLoginForm
              initial={{ ref: login.ref, baseUrl: login.baseUrl ?? (login.site ? `https://${login.site}` : ''), email: login.email ?? '' }}
              onSaved={() => {
                onEdit(false);
                setResult(null);
                onSaved?.();
              }}
              onCancel={() => onEdit(false)}
            />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
