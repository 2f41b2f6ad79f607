import { useQuery } from '@tanstack/react-query';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import type { FormValues } from './form-values';

/**
 * ⑦ the cart login: one already in this workstation's vault, or a new one that the core puts
 * into the vault (only its ref reaches the cloud). A workstation without a vault can list and
 * store nothing, so staff type the ref registered on the robot's PC, and are told why.
 */
export function LoginFields() {
  const { t } = useTranslation();
  const api = useApi();
  const { control, register, watch, formState } = useFormContext<FormValues>();
  const logins = useQuery({ queryKey: ['cartLogins.list'], queryFn: () => api.call('cartLogins.list', {}), retry: false, staleTime: 60_000 });
  const noVault = logins.isError;
  const mode = watch('loginMode');
  const ref = watch('cartLoginRef');
  const known = logins.data ?? [];
  const errors = formState.errors;

  return (
    <fieldset className="field login" aria-describedby="crosssell-login-help">
      <legend>{t('crosssell.field.login')}</legend>
      <p className="help" id="crosssell-login-help">
        {t('crosssell.field.loginHelp')}
      </p>
      <label className="inline">
        <input type="radio" value="saved" {...register('loginMode')} />
        {t('crosssell.field.loginSaved')}
      </label>
      <label className="inline">
        <input type="radio" value="new" disabled={noVault} {...register('loginMode')} />
        {t('crosssell.field.loginNew')}
      </label>
      {noVault && (
        <p className="note" data-testid="crosssell-no-vault">
          {t('crosssell.field.noVault')}
        </p>
      )}
      {mode === 'saved' &&
        (noVault ? (
          <label className="stacked">
            {t('crosssell.field.loginRef')}
            <input type="text" {...register('cartLoginRef')} aria-invalid={errors.cartLoginRef ? true : undefined} aria-describedby="crosssell-login-error" />
          </label>
        ) : (
          <label className="stacked">
            {t('crosssell.field.loginRef')}
            {/* Controlled: the options arrive after the form, and the chosen ref must survive that. */}
            <Controller
              control={control}
              name="cartLoginRef"
              render={({ field }) => (
                <select {...field} aria-invalid={errors.cartLoginRef ? true : undefined} aria-describedby="crosssell-login-error">
                  <option value="">{t('crosssell.field.loginChoose')}</option>
                  {known.map((login) => (
                    <option key={login.ref} value={login.ref}>
                      {`${login.email} — ${login.baseUrl}`}
                    </option>
                  ))}
                  {ref !== '' && !known.some((login) => login.ref === ref) && <option value={ref}>{t('crosssell.field.loginNotHere', { ref })}</option>}
                </select>
              )}
            />
          </label>
        ))}
      {mode === 'saved' && <FieldError id="crosssell-login-error" message={errors.cartLoginRef?.message} />}
      {mode === 'new' && !noVault && (
        <div className="login-new">
          <label className="stacked">
            {t('crosssell.field.baseUrl')}
            <input type="url" placeholder="https://shop.ec-force.com" {...register('cartLogin.baseUrl')} aria-invalid={errors.cartLogin?.baseUrl ? true : undefined} />
          </label>
          <FieldError id="crosssell-baseurl-error" message={errors.cartLogin?.baseUrl?.message} />
          <label className="stacked">
            {t('crosssell.field.email')}
            <input type="email" autoComplete="off" {...register('cartLogin.email')} aria-invalid={errors.cartLogin?.email ? true : undefined} />
          </label>
          <FieldError id="crosssell-email-error" message={errors.cartLogin?.email?.message} />
          <label className="stacked">
            {t('crosssell.field.password')}
            <input type="password" autoComplete="new-password" {...register('cartLogin.password')} aria-invalid={errors.cartLogin?.password ? true : undefined} />
          </label>
          <FieldError id="crosssell-password-error" message={errors.cartLogin?.password?.message} />
          <p className="help">{t('crosssell.field.passwordHelp')}</p>
        </div>
      )}
    </fieldset>
  );
}
