import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { issue } from './field-errors';
import { FieldError } from '../components/FieldError';
import { memoFields, type FormValues } from './form-values';

/** ⑩ what the robot writes into the cart's memos after the cross-sell; none when left empty. */
export function MemoWrites({ unknownPlaceholders }: { unknownPlaceholders: (index: number) => string[] }) {
  const { t } = useTranslation();
  const { control, register, formState } = useFormContext<FormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'memoWrites' });
  const errors = formState.errors.memoWrites;

  return (
    <fieldset className="field memo-writes">
      <legend>{t('crosssell.field.memoWrites')}</legend>
      <p className="help">{t('crosssell.field.memoWritesHelp')}</p>
      {fields.map((row, index) => {
        const unknown = unknownPlaceholders(index);
        const textError =
          errors?.[index]?.text?.message ?? (unknown.length > 0 ? issue('unknownPlaceholders', { placeholders: unknown.join(' ') }) : undefined);
        return (
          <div key={row.id} className="memo-row" data-index={index}>
            <label className="stacked">
              {t('crosssell.field.memoField')}
              <select {...register(`memoWrites.${index}.field`)}>
                {memoFields.map((field) => (
                  <option key={field} value={field}>
                    {t(`crosssell.field.memoFields.${field}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="stacked grow">
              {t('crosssell.field.memoText')}
              <input type="text" {...register(`memoWrites.${index}.text`)} aria-invalid={textError ? true : undefined} />
            </label>
            <button type="button" className="link" onClick={() => remove(index)}>
              {t('crosssell.field.memoRemove')}
            </button>
            <FieldError id={`crosssell-memo-${index}-error`} message={textError} />
          </div>
        );
      })}
      <FieldError id="crosssell-memo-error" message={errors?.message ?? errors?.root?.message} />
      <button type="button" onClick={() => append({ field: 'order_memo', text: '' }, { focusName: `memoWrites.${fields.length}.text` })}>
        {t('crosssell.field.memoAdd')}
      </button>
    </fieldset>
  );
}
