import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TagOptions } from '../components/TagOptions';
import { tagFilterModes, withoutTag, withTag, type TagFilterMode, type TagFilterValue } from './tag-filter-value';
import { useTags } from './use-tags';
import './member-filters.css';

interface Props {
  value: TagFilterValue;
  onChange: (filter: TagFilterValue) => void;
}

/**
 * Tags narrow the list as ECAI's and Omnichat's segment filters do: members with all of some
 * tags, with any of others, without the rest. Each chosen tag shows as a chip saying which.
 */
export function TagFilter({ value, onChange }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  const [tagId, setTagId] = useState('');
  const [mode, setMode] = useState<TagFilterMode>('all');
  const nameOf = (id: number) => tags.data?.find((tag) => tag.id === id)?.name ?? t('memberPage.tagFilter.unknownTag', { id });
  const chosen = tagFilterModes.flatMap((m) => value[m].map((id) => ({ mode: m, id })));

  return (
    <fieldset className="member-tag-filter">
      <legend>{t('memberPage.tagFilter.title')}</legend>
      <div className="member-tag-filter-add">
        <label>
          <span>{t('memberPage.tagFilter.tag')}</span>
          <select name="member-tag" value={tagId} onChange={(e) => setTagId(e.target.value)}>
            <option value="">{t('memberPage.tagFilter.chooseTag')}</option>
            <TagOptions tags={tags.data ?? []} />
          </select>
        </label>
        <label>
          <span>{t('memberPage.tagFilter.mode')}</span>
          <select name="member-tag-mode" value={mode} onChange={(e) => setMode(e.target.value as TagFilterMode)}>
            {tagFilterModes.map((m) => (
              <option key={m} value={m}>
                {t(`memberPage.tagFilter.modes.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={!tagId}
          onClick={() => {
            onChange(withTag(value, mode, Number(tagId)));
            setTagId('');
          }}
        >
          {t('memberPage.tagFilter.add')}
        </button>
      </div>
      {chosen.length > 0 && (
        <ul className="member-tag-chips" aria-label={t('memberPage.tagFilter.chosen')}>
          {chosen.map(({ mode: m, id }) => (
            <li key={id} className={`chip chip-${m}`} data-mode={m} data-tag-id={id}>
              <span className="chip-mode">{t(`memberPage.tagFilter.chip.${m}`)}</span>
              <bdi className="chip-tag" title={nameOf(id)}>
                {nameOf(id)}
              </bdi>
              <button type="button" aria-label={t('memberPage.tagFilter.remove', { name: nameOf(id) })} onClick={() => onChange(withoutTag(value, id))}>
                ×
              </button>
            </li>
          ))}
          <li>
            <button type="button" onClick={() => onChange({ all: [], any: [], none: [] })}>
              {t('memberPage.tagFilter.clear')}
            </button>
          </li>
        </ul>
      )}
    </fieldset>
  );
}
