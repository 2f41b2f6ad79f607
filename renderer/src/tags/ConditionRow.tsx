import { Controller, useFormContext, useWatch, type FieldError as HookFieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../components/DateInput';
import { FieldError } from '../components/FieldError';
import { useZoneLabel } from '../components/ShopTime';
import { StaffNames } from '../staff/StaffNames';
import { TagOptions } from '../components/TagOptions';
import { useTagList } from './use-tag-list';
import { blankCondition, conditionKinds, operatorsOf, productFields, subscriptionStatuses, type ConditionKind, type ConditionValues, type FormValues } from './rule-form';

interface Props {
  group: number;
  index: number;
  onRemove: (() => void) | undefined;
}

type ConditionErrors = Partial<Record<keyof ConditionValues, HookFieldError>>;

/** One condition: its kind, its operator and the inputs that kind reads (seed 002 自動追加・解除の条件詳細). */
export function ConditionRow({ group, index, onRemove }: Props) {
  const { t } = useTranslation();
  const tags = useTagList();
  const zone = useZoneLabel();
  const { register, control, setValue, getValues, formState } = useFormContext<FormValues>();
  const path = `groups.${group}.conditions.${index}` as const;
  const kind = useWatch({ control, name: `${path}.kind` });
  const op = useWatch({ control, name: `${path}.op` });
  const errors = (formState.errors.groups?.[group]?.conditions?.[index] ?? {}) as ConditionErrors;
  const errorId = (field: keyof ConditionValues) => `tag-rule-${group}-${index}-${field}-error`;
  const described = (field: keyof ConditionValues) => ({ 'aria-invalid': errors[field] ? true : undefined, 'aria-describedby': errorId(field) });

  /** A new kind starts from its own defaults: values typed for another kind mean nothing to it. */
  function changeKind(next: ConditionKind) {
    const current = getValues(path);
    setValue(path, { ...blankCondition(next), text: next === 'courseName' || next === 'product' ? current.text : '' }, { shouldDirty: true, shouldValidate: formState.isSubmitted });
  }

  const operators = operatorsOf[kind] as readonly string[];

  return (
    <li className="tag-condition" data-kind={kind} data-group={group} data-index={index}>
      <div className="tag-condition-inputs">
        <label>
          <span>{t('tagScreen.condition.kind')}</span>
          <select name={`${path}.kind`} value={kind} onChange={(e) => changeKind(e.target.value as ConditionKind)}>
            {conditionKinds.map((k) => (
              <option key={k} value={k}>
                {t(`tagScreen.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>

        {kind === 'product' && (
          <label>
            <span>{t('tagScreen.condition.by')}</span>
            <select {...register(`${path}.by`)}>
              {productFields.map((by) => (
                <option key={by} value={by}>
                  {t(`tagScreen.by.${by}`)}
                </option>
              ))}
            </select>
          </label>
        )}

        {kind === 'triggerTag' && (
          <label>
            <span>{t('tagScreen.condition.triggerTag')}</span>
            <select {...register(`${path}.tagId`)} {...described('tagId')}>
              <option value="">{t('tagScreen.condition.chooseTag')}</option>
              <TagOptions tags={tags.data ?? []} />
            </select>
          </label>
        )}

        {(kind === 'courseName' || kind === 'product') && (
          <label className="wide">
            <span>{t(kind === 'courseName' ? 'tagScreen.condition.course' : 'tagScreen.condition.product')}</span>
            <input type="text" maxLength={200} {...register(`${path}.text`)} {...described('text')} />
          </label>
        )}

        {kind === 'subscriptionStatus' && (
          <label>
            <span>{t('tagScreen.condition.status')}</span>
            <select {...register(`${path}.status`)}>
              {subscriptionStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`tagScreen.status.${s}`)}
                </option>
              ))}
            </select>
          </label>
        )}

        {operators.length > 0 && (
          <label>
            <span>{t('tagScreen.condition.op')}</span>
            <select {...register(`${path}.op`)} {...described('op')}>
              {operators.map((o) => (
                <option key={o} value={o}>
                  {t(`tagScreen.op.${kind}.${o}`)}
                </option>
              ))}
            </select>
          </label>
        )}

        {kind === 'purchaseDate' && op !== 'withinDays' && (
          <label>
            <span>{t('tagScreen.condition.date', { zone })}</span>
            <Controller
              control={control}
              name={`${path}.date`}
              render={({ field }) => (
                <DateInput
                  name={field.name}
                  value={field.value}
                  onChange={field.onChange}
                  label={t('tagScreen.condition.date', { zone })}
                  invalid={errors.date !== undefined}
                  describedBy={errorId('date')}
                />
              )}
            />
          </label>
        )}
        {kind === 'purchaseDate' && op === 'withinDays' && (
          <label>
            <span>{t('tagScreen.condition.days')}</span>
            <input type="number" min={1} max={3650} step={1} inputMode="numeric" {...register(`${path}.number`)} {...described('number')} />
          </label>
        )}
        {kind === 'purchaseCount' && (
          <label>
            <span>{t('tagScreen.condition.count')}</span>
            <input type="number" min={0} step={1} inputMode="numeric" {...register(`${path}.number`)} {...described('number')} />
          </label>
        )}
        {kind === 'purchaseAmount' && (
          <label>
            <span>{t('tagScreen.condition.amount')}</span>
            <input type="number" min={0} step={1} inputMode="numeric" {...register(`${path}.number`)} {...described('number')} />
          </label>
        )}
        {kind === 'operator' && op === 'named' && (
          <label>
            <span>{t('tagScreen.condition.operatorName')}</span>
            {/* Picked from the shop's staff list; a name not on it can still be typed. */}
            <input type="text" maxLength={200} list={`${errorId('text')}-staff`} {...register(`${path}.text`)} {...described('text')} />
            <StaffNames id={`${errorId('text')}-staff`} />
          </label>
        )}

        {onRemove && (
          <button type="button" className="remove-condition" onClick={onRemove}>
            {t('tagScreen.editor.removeCondition')}
          </button>
        )}
      </div>
      <p className="help">{t(`tagScreen.help.${kind}`, { zone })}</p>
      {kind === 'subscriptionStatus' && op === 'contains' && (
        <p className="warning" role="note" data-testid="status-contains-warning">
          {t('tagScreen.condition.containsWarning')}
        </p>
      )}
      {(['kind', 'op', 'text', 'date', 'number', 'tagId', 'status', 'by'] as const).map((field) => (
        <FieldError key={field} id={errorId(field)} message={errors[field]?.message} />
      ))}
    </li>
  );
}
