import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import { OutsideText } from '../components/OutsideText';
import type { FormValues } from './form-values';

type TagList = 'tagsAdd' | 'tagsRemove';

/** ⑪ / ⑫: tick to add (or remove) tags when the cross-sell is done, then choose which. */
export function TagChoices({ list }: { list: TagList }) {
  const { t } = useTranslation();
  const api = useApi();
  const { control, getValues, setValue, formState } = useFormContext<FormValues>();
  const tags = useQuery({ queryKey: ['tags.list'], queryFn: () => api.call('tags.list', {}) });
  const [enabled, setEnabled] = useState(() => getValues(list).length > 0);
  const error = formState.errors[list]?.message;

  function toggle(on: boolean) {
    setEnabled(on);
    // Unticked means no tags: a choice hidden from view must not be saved.
    if (!on) setValue(list, [], { shouldDirty: true, shouldValidate: formState.isSubmitted });
  }

  return (
    <fieldset className={`field tags-choice${enabled ? ' open' : ''}`} data-list={list}>
      <legend>
        <label className="inline">
          <input type="checkbox" checked={enabled} onChange={(e) => toggle(e.target.checked)} name={`${list}-enabled`} />
          {t(`crosssell.field.${list}`)}
        </label>
      </legend>
      {enabled && (
        <div className="tag-grid">
          {tags.data?.length === 0 && <p className="muted">{t('crosssell.field.noTags')}</p>}
          {/* Controlled, so that one tag is still a list of one (a lone registered checkbox would be a boolean). */}
          <Controller
            control={control}
            name={list}
            render={({ field }) => (
              <>
                {(tags.data ?? []).map((tag) => {
                const id = String(tag.id);
                const checked = field.value.includes(id);
                return (
                  <label key={tag.id} className="inline tag-option">
                    <input
                      type="checkbox"
                      name={field.name}
                      value={id}
                      checked={checked}
                      onChange={() => field.onChange(checked ? field.value.filter((v) => v !== id) : [...field.value, id])}
                      onBlur={field.onBlur}
                    />
                    <OutsideText text={tag.name} />
                    {tag.folder && <small className="muted"> <OutsideText text={tag.folder} /></small>}
                  </label>
                );
                })}
              </>
            )}
          />
        </div>
      )}
      <FieldError id={`crosssell-${list}-error`} message={error} />
    </fieldset>
  );
}
