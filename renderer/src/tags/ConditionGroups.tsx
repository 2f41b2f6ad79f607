import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ConditionRow } from './ConditionRow';
import { FieldError } from '../components/FieldError';
import { MAX_ALL_CONDITIONS, MAX_GROUP_CONDITIONS, MAX_GROUPS, blankCondition, type FormValues } from './rule-form';

/**
 * "Match all": one list of conditions. "Match any": compound rules of up to five conditions each
 * (seed 002 新機能#69), any of which makes a member match.
 */
export function ConditionGroups() {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<FormValues>();
  const match = useWatch({ control, name: 'match' });
  const groups = useFieldArray({ control, name: 'groups' });
  const any = match === 'any';

  return (
    <div className="tag-groups" data-match={match}>
      {groups.fields.map((field, g) => (
        <ConditionGroup key={field.id} group={g} any={any} onRemove={any && groups.fields.length > 1 ? () => groups.remove(g) : undefined} />
      ))}
      {any && (
        <button type="button" className="add-group" disabled={groups.fields.length >= MAX_GROUPS} onClick={() => groups.append({ conditions: [blankCondition()] })}>
          {t('tagScreen.editor.addGroup')}
        </button>
      )}
      <FieldError id="tag-rule-groups-error" message={formState.errors.groups?.message ?? formState.errors.groups?.root?.message} />
    </div>
  );
}

function ConditionGroup({ group, any, onRemove }: { group: number; any: boolean; onRemove: (() => void) | undefined }) {
  const { t } = useTranslation();
  const { control, formState } = useFormContext<FormValues>();
  const conditions = useFieldArray({ control, name: `groups.${group}.conditions` });
  const limit = any ? MAX_GROUP_CONDITIONS : MAX_ALL_CONDITIONS;
  const error = formState.errors.groups?.[group]?.conditions;

  return (
    <fieldset className="tag-group" data-group={group}>
      <legend>{any ? t('tagScreen.editor.group', { n: group + 1 }) : t('tagScreen.editor.allConditions')}</legend>
      {any && <p className="help">{t('tagScreen.editor.groupHelp', { max: MAX_GROUP_CONDITIONS })}</p>}
      <ol className="tag-conditions">
        {conditions.fields.map((field, i) => (
          <ConditionRow key={field.id} group={group} index={i} onRemove={conditions.fields.length > 1 ? () => conditions.remove(i) : undefined} />
        ))}
      </ol>
      <div className="actions">
        <button type="button" className="add-condition" disabled={conditions.fields.length >= limit} onClick={() => conditions.append(blankCondition())}>
          {t('tagScreen.editor.addCondition')}
        </button>
        {onRemove && (
          <button type="button" className="danger remove-group" onClick={onRemove}>
            {t('tagScreen.editor.removeGroup')}
          </button>
        )}
      </div>
      <FieldError id={`tag-rule-group-${group}-error`} message={error?.message ?? error?.root?.message} />
    </fieldset>
  );
}
