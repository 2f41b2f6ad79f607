import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { CrosssellConfig } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { fieldIssuesOf, issue } from './field-errors';
import { FieldError } from '../components/FieldError';
import { blankValues, DEFAULT_REPEAT_WINDOW_HOURS, formSchema, productKinds, toSaveArgs, valuesOf, type FormValues } from './form-values';
import { LoginFields } from './LoginFields';
import { MemoWrites } from './MemoWrites';
import { MessageField } from './MessageField';
import { ProductFields } from './ProductFields';
import { Refusal } from './Refusal';
import { TagChoices } from './TagChoices';
import { useTemplateCheck } from './use-template-check';
import { completionLabelKey, completionStatuses } from '../loc/completion-statuses';

interface Props {
  /** Absent for a new config. */
  config?: CrosssellConfig;
  /** A copy to start from, not yet saved: leaving it asks first even before anything is changed. */
  draft?: FormValues;
  onSaved: (config: CrosssellConfig) => void;
  /** Told whether the form holds changes not yet saved, so leaving it can ask first. */
  onDirtyChange: (dirty: boolean) => void;
  /** What just happened to this config (saved), shown beside the save button where staff look. */
  status?: string;
}

type SaveOutcome = { refused: Array<{ field: Path<FormValues>; unknown: string[] }> } | { saved: CrosssellConfig };

/** Every setting of seed 000 ⑤–⑮, in the order the manual walks through them. */
export function ConfigForm({ config, draft, onSaved, onDirtyChange, status }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const form = useForm<FormValues>({
    defaultValues: draft ?? (config ? valuesOf(config) : blankValues),
    resolver: zodResolver(formSchema),
    // Checked first on save, then on every change: a half-typed form is not scolded field by field.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, setError, watch, formState } = form;
  const errors = formState.errors;
  const unsaved = draft !== undefined || formState.isDirty;
  useEffect(() => onDirtyChange(unsaved), [unsaved, onDirtyChange]);

  const sample = { customerName: t('crosssell.sample.customerName'), productName: watch('productName').trim() || t('crosssell.sample.productName') };
  const texts = [watch('messageTemplate'), ...watch('memoWrites').map((m) => m.text)];
  const check = useTemplateCheck(texts, sample);

  // Placeholders are checked by the core's own template module first; a refusal there sends nothing.
  const save = useMutation({
    mutationFn: async (values: FormValues): Promise<SaveOutcome> => {
      const texts = [values.messageTemplate, ...values.memoWrites.map((m) => m.text)];
      const checked = await api.call('crosssell.preview', { texts, ...sample });
      const refused = checked.flatMap(({ unknown }, index) => {
        const field: Path<FormValues> = index === 0 ? 'messageTemplate' : `memoWrites.${index - 1}.text`;
        return unknown.length > 0 ? [{ field, unknown }] : [];
      });
      if (refused.length > 0) return { refused };
      return { saved: await api.call('crosssell.save', toSaveArgs(values, config?.id)) };
    },
    onSuccess: (outcome) => {
      if ('refused' in outcome) {
        for (const { field, unknown } of outcome.refused) {
          setError(field, { type: 'placeholder', message: issue('unknownPlaceholders', { placeholders: unknown.join(' ') }) });
        }
        return;
      }
      queryClient.setQueryData(['crosssell.get', outcome.saved.id], outcome.saved);
      void queryClient.invalidateQueries({ queryKey: ['crosssell.list'] });
      void queryClient.invalidateQueries({ queryKey: ['cartLogins.list'] });
      onSaved(outcome.saved);
    },
    onError: (error) => {
      for (const { field, message } of fieldIssuesOf(error)) setError(field as Path<FormValues>, { type: 'core', message });
    },
  });
  const submit = handleSubmit((values) => save.mutate(values));

  const hasErrors = Object.keys(errors).length > 0;
  // Refusals worded field by field above need no second telling here.
  const refusal = save.error && fieldIssuesOf(save.error).length === 0 ? save.error : undefined;

  return (
    <FormProvider {...form}>
      <form className="crosssell-form" onSubmit={(e) => void submit(e)} noValidate>
        {/* Held while saving: what is typed then would be replaced by the saved config a moment later. */}
        <fieldset className="form-lock" disabled={save.isPending}>
          <div className="field">
            <label htmlFor="crosssell-name">{t('crosssell.field.name')}</label>
            <input id="crosssell-name" type="text" {...register('name')} aria-invalid={errors.name ? true : undefined} aria-describedby="crosssell-name-error" />
            <FieldError id="crosssell-name-error" message={errors.name?.message} />
          </div>

          <div className="field">
            <label htmlFor="crosssell-cart">{t('crosssell.field.cart')}</label>
            <select id="crosssell-cart" {...register('cart')}>
              <option value="ecforce">ecforce</option>
            </select>
          </div>

          <LoginFields />

          <ProductFields />

          <fieldset className="field">
            <legend>{t('crosssell.field.kind')}</legend>
            {productKinds.map((kind) => (
              <label key={kind} className="inline">
                <input type="radio" value={kind} {...register('kind')} />
                {t(`crosssell.kind.${kind}`)}
              </label>
            ))}
            <FieldError id="crosssell-kind-error" message={errors.kind?.message} />
        </fieldset>

        <MemoWrites unknownPlaceholders={(index) => check?.[index + 1]?.unknown ?? []} />
        <TagChoices list="tagsAdd" />
        <TagChoices list="tagsRemove" />
        <MessageField preview={check?.[0]} customerName={sample.customerName} />

        <fieldset className="field" aria-describedby="crosssell-stop-help">
          <legend>{t('crosssell.field.stop')}</legend>
          <p className="help" id="crosssell-stop-help">
            {t('crosssell.field.stopHelp')}
          </p>
          <label className="inline">
            <input type="radio" value="no" {...register('stopRunningSubscriptions')} />
            {t('crosssell.field.stopNo')}
          </label>
          <label className="inline">
            <input type="radio" value="yes" {...register('stopRunningSubscriptions')} />
            {t('crosssell.field.stopYes')}
          </label>
        </fieldset>

        <div className="field">
          <label htmlFor="crosssell-completion-status">{t('crosssell.field.completionStatus')}</label>
          <select id="crosssell-completion-status" {...register('completionStatus')} aria-describedby="crosssell-completion-status-help">
            {completionStatuses.map(({ value }) => (
              <option key={value} value={value}>
                {t(completionLabelKey(value))}
              </option>
            ))}
          </select>
          <p className="help" id="crosssell-completion-status-help">
            {t('crosssell.field.completionStatusHelp')}
          </p>
        </div>

        <div className="field">
          <label htmlFor="crosssell-repeat-window">{t('crosssell.field.repeatWindow')}</label>
          <span className="hours">
            <input
              id="crosssell-repeat-window"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              size={5}
              placeholder={String(DEFAULT_REPEAT_WINDOW_HOURS)}
              {...register('repeatWindowHours')}
              aria-invalid={errors.repeatWindowHours ? true : undefined}
              aria-describedby="crosssell-repeat-window-help crosssell-repeat-window-error"
            />
            <span aria-hidden="true">{t('crosssell.field.repeatWindowUnit')}</span>
          </span>
          <p className="help" id="crosssell-repeat-window-help">
            {t('crosssell.field.repeatWindowHelp')}
          </p>
          <FieldError id="crosssell-repeat-window-error" message={errors.repeatWindowHours?.message} />
        </div>
        </fieldset>

        {/* Kept in view while the form scrolls: what a save did is said beside the button pressed. */}
        <div className="actions save-bar" data-testid="crosssell-save-bar">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('crosssell.editor.saving') : t('crosssell.editor.save')}
          </button>
          {status && !unsaved && (
            <p className="notice" role="status" data-testid="crosssell-saved">
              {status}
            </p>
          )}
          {hasErrors && formState.isSubmitted && (
            <p className="error" role="alert" data-testid="crosssell-fix-above">
              {t('crosssell.errors.fixAbove')}
            </p>
          )}
          <FieldError id="crosssell-root-error" message={errors.root?.message} />
          {refusal && <Refusal action="save" error={refusal} />}
        </div>
      </form>
    </FormProvider>
  );
}
