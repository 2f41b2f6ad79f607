import { useTranslation } from 'react-i18next';
import { useTags } from './use-tags';
import { isolated } from '../components/OutsideText';

interface Props {
  value: number | null;
  onChange: (tagId: number | null) => void;
}

export function TagFilter({ value, onChange }: Props) {
  const { t } = useTranslation();
  const tags = useTags();
  return (
    <label className="member-tag-filter">
      <span>{t('memberPage.search.tag')}</span>
      <select name="member-tag" value={value ?? ''} onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}>
        <option value="">{t('memberPage.search.anyTag')}</option>
        {(tags.data ?? []).map((tag) => (
          <option key={tag.id} value={tag.id} translate="no">
            {isolated(tag.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
