import { useQuery } from '@tanstack/react-query';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import type { FormValues } from './form-values';

/**
 * ⑧ product name and ⑨ product code, which must match the cart's product master exactly. The
 * synced master is offered as suggestions, and a known code shows its master name, with a button
 * to take it when the name typed differs. The core still decides on save.
 */
export function ProductFields() {
  const { t } = useTranslation();
  const api = useApi();
  const { register, watch, setValue, formState } = useFormContext<FormValues>();
  const master = useQuery({ queryKey: ['crosssell.products', 'ecforce'], queryFn: () => api.call('crosssell.products', { cart: 'ecforce' }), staleTime: 60_000 });
  const errors = formState.errors;
  const code = watch('productCode').trim();
  const name = watch('productName');
  const known = master.data?.find((p) => p.code === code);

  return (
    <>
      <div className="field">
        <label htmlFor="crosssell-product-name">{t('crosssell.field.productName')}</label>
        <input
          id="crosssell-product-name"
          type="text"
          list="crosssell-product-names"
          {...register('productName')}
          aria-invalid={errors.productName ? true : undefined}
          aria-describedby="crosssell-product-name-help crosssell-product-name-error"
        />
        <p className="help" id="crosssell-product-name-help">
          {t('crosssell.field.productNameHelp')}
        </p>
        <FieldError id="crosssell-product-name-error" message={errors.productName?.message} />
      </div>

      <div className="field">
        <label htmlFor="crosssell-product-code">{t('crosssell.field.productCode')}</label>
        <input
          id="crosssell-product-code"
          type="text"
          list="crosssell-product-codes"
          {...register('productCode')}
          aria-invalid={errors.productCode ? true : undefined}
          aria-describedby="crosssell-product-code-help crosssell-product-code-master crosssell-product-code-error"
        />
        <p className="help" id="crosssell-product-code-help">
          {t('crosssell.field.productCodeHelp')}
        </p>
        {known && (
          <p className="master" id="crosssell-product-code-master" data-testid="crosssell-master-name">
            {t('crosssell.field.masterName')}: <span translate="no">{known.name}</span>
            {known.name !== name && (
              <button
                type="button"
                className="link"
                onClick={() => setValue('productName', known.name, { shouldDirty: true, shouldValidate: formState.isSubmitted })}
              >
                {t('crosssell.field.useMasterName')}
              </button>
            )}
          </p>
        )}
        <FieldError id="crosssell-product-code-error" message={errors.productCode?.message} />
      </div>

      <datalist id="crosssell-product-codes">
        {master.data?.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </datalist>
      <datalist id="crosssell-product-names">
        {master.data?.map((p) => (
          <option key={p.code} value={p.name}>
            {p.code}
          </option>
        ))}
      </datalist>
    </>
  );
}
