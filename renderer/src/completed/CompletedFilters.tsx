import { useTranslation } from 'react-i18next';
import { locKinds } from '../loc/filters';
import type { CompletedFilterState } from './completed-filters';

interface Props {
  value: CompletedFilterState;
  onChange: (next: CompletedFilterState) => void;
}

export function CompletedFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof CompletedFilterState>(key: K, next: CompletedFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <fieldset className="loc-filters completed-filters">
      <legend>{t('loc.filters')}</legend>
      <label className="search">
        <span>{t('completed.search')}</span>
        <input type="search" name="search" placeholder={t('completed.searchPlaceholder')} value={value.search} onChange={(e) => set('search', e.target.value)} />
      </label>
      <label>
        <span>{t('loc.filterKind')}</span>
        <select name="kind" value={value.kind} onChange={(e) => set('kind', e.target.value)}>
          <option value="">{t('loc.all')}</option>
          {locKinds.map((k) => (
            <option key={k} value={k}>
              {t(`loc.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('loc.filterFrom')}</span>
        <input type="date" name="from" value={value.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        <span>{t('loc.filterTo')}</span>
        <input type="date" name="to" value={value.to} onChange={(e) => set('to', e.target.value)} />
      </label>
    </fieldset>
  );
}
