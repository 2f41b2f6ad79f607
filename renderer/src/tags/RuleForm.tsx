import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { FormProvider, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ConditionGroups } from './ConditionGroups';
import { coreIssueMessage, coreIssuesOf, fightsOf } from './field-errors';
import { FieldError } from '../components/FieldError';
import { TagOptions } from '../components/TagOptions';
import { useBringIntoView } from '../components/use-bring-into-view';
import { FightList } from './FightList';
import { blankValues, formFieldOf, formSchema, regroup, toRuleArgs, valuesOf, type FormValues, type Rule } from './rule-form';
import { RulePreview } from './RulePreview';
import { useTagList } from './use-tag-list';

interface Props {
  /** Absent for a new rule. */
  rule?: Rule;
  onSaved: (rule: Rule) => void;
  /** Told whether the form holds changes not yet saved, so leaving it can ask first. */
  onDirtyChange: (dirty: boolean) => void;
}

/** タグの自動設定: name, tag, add or remove, match all or any, the conditions; preview, then save. */
export function RuleForm({ rule, onSaved, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const tags = useTagList();
  const form = useForm<FormValues>({
    defaultValues: rule ? valuesOf(rule) : blankValues,
    resolver: zodResolver(formSchema),
    // Checked first on preview or save, then on every change: a half-made rule is not scolded field by field.
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const { register, handleSubmit, setError, setValue, getValues, trigger, watch, formState } = form;
  const errors = formState.errors;
  useEffect(() => onDirtyChange(formState.isDirty), [formState.isDirty, onDirtyChange]);

  /** The core's field refusals beside their fields; true when there were any. */
  function showCoreIssues(error: unknown): boolean {
    const issues = coreIssuesOf(error);
    for (const detail of issues) setError(formFieldOf(detail.path, getValues()) as Path<FormValues>, { type: 'core', message: coreIssueMessage(detail) });
    return issues.length > 0;
  }

  const preview = useMutation({
    mutationFn: (values: FormValues) => api.call('tagRules.preview', toRuleArgs(values, rule?.id)),
    onError: showCoreIssues,
  });
  const save = useMutation({
    mutationFn: (values: FormValues) => api.call('tagRules.save', toRuleArgs(values, rule?.id)),
    onSuccess: (saved) => {
      queryClient.setQueryData(['tagRules.get', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['tagRules.list'] });
      void queryClient.invalidateQueries({ queryKey: ['tags.list'] });
      onSaved(saved);
    },
    onError: showCoreIssues,
  });
  const resetPreview = preview.reset;
  // A preview describes the rule as it was when asked; any edit makes it stale, so it goes.
  useEffect(() => {
    const subscription = watch(() => resetPreview());
    return () => subscription.unsubscribe();
  }, [watch, resetPreview]);

  const submit = handleSubmit((values) => save.mutate(values));
  async function runPreview() {
    if (await trigger()) preview.mutate(getValues());
  }

  const fights = fightsOf(save.error);
  const saveRefusal = save.error && coreIssuesOf(save.error).length === 0 && fights.length === 0 ? save.error : undefined;
  const previewRefusal = preview.error && coreIssuesOf(preview.error).length === 0 ? preview.error : undefined;
  const hasErrors = Object.keys(errors).length > 0;
  const match = register('match', {
    onChange: (e: { target: { value: FormValues['match'] } }) => setValue('groups', regroup(getValues('groups'), e.target.value), { shouldDirty: true }),
  });

  return (
    <FormProvider {...form}>
      <form className="tag-rule-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="field">
          <label htmlFor="tag-rule-name">{t('tagScreen.field.name')}</label>
          <input id="tag-rule-name" type="text" maxLength={200} {...register('name')} aria-invalid={errors.name ? true : undefined} aria-describedby="tag-rule-name-error" />
          <FieldError id="tag-rule-name-error" message={errors.name?.message} />
        </div>

        <div className="field">
          <label htmlFor="tag-rule-tag">{t('tagScreen.field.tag')}</label>
          <select id="tag-rule-tag" {...register('tagId')} aria-invalid={errors.tagId ? true : undefined} aria-describedby="tag-rule-tag-error">
            <option value="">{t('tagScreen.field.chooseTag')}</option>
            <TagOptions tags={tags.data ?? []} />
          </select>
          <FieldError id="tag-rule-tag-error" message={errors.tagId?.message} />
        </div>

        <fieldset className="field">
          <legend>{t('tagScreen.field.action')}</legend>
          {(['add', 'remove'] as const).map((action) => (
            <label key={action} className="inline">
              <input type="radio" value={action} {...register('action')} />
              {t(`tagScreen.action.${action}`)}
            </label>
          ))}
        </fieldset>

        <fieldset className="field">
          <legend>{t('tagScreen.field.match')}</legend>
          {(['all', 'any'] as const).map((value) => (
            <label key={value} className="inline">
              <input type="radio" value={value} {...match} />
              {t(`tagScreen.match.${value}`)}
            </label>
          ))}
        </fieldset>

        <ConditionGroups />

        <label className="inline">
          <input type="checkbox" {...register('enabled')} />
          {t('tagScreen.field.enabled')}
        </label>

        <div className="actions">
          <button type="button" className="preview-rule" disabled={preview.isPending} onClick={() => void runPreview()}>
            {preview.isPending ? t('tagScreen.editor.previewing') : t('tagScreen.editor.preview')}
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t('tagScreen.editor.saving') : t('tagScreen.editor.save')}
          </button>
        </div>
        {hasErrors && (formState.isSubmitted || preview.isError) && (
          <p className="error" role="alert" data-testid="tag-rule-fix-above">
            {t('tagScreen.errors.fixAbove')}
          </p>
        )}
        <FightList fights={fights} testId="tag-rule-save-fights" />
        <CoreRefusal heading={t('tagScreen.failed.save')} error={saveRefusal} testId="tag-rule-save-error" />
        <CoreRefusal heading={t('tagScreen.failed.preview')} error={previewRefusal} testId="tag-rule-preview-error" />
        {preview.data && <RulePreview preview={preview.data} />}
      </form>
    </FormProvider>
  );
}

/**
 * Why an action did not happen. The core's message says it precisely (the cloud unreachable, the
 * rule deleted meanwhile) and whether anything was kept, so it is shown as it is under a heading
 * in the screen's language.
 */
export function CoreRefusal({ heading, error, testId }: { heading: string; error: unknown; testId: string }) {
  const ref = useBringIntoView<HTMLDivElement>(error);
  if (error === null || error === undefined) return null;
  return (
    <div ref={ref} className="refusal" role="alert" data-testid={testId}>
      <p className="error">{heading}</p>
      <p className="core-message">{error instanceof Error ? error.message : String(error)}</p>
    </div>
  );
}
