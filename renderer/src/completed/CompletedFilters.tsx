import { useTranslation } from 'react-i18next';
import { DateInput } from '../components/DateInput';
import { KindFilter } from '../loc/FilterFields';
import type { CompletedFilterState } from './completed-filters';
import { FinisherFilter } from './FinishedBy';

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
      <KindFilter value={value.kind} onChange={(kind) => set('kind', kind)} />
      <label>
        <span>{t('shopTime.completedFrom')}</span>
        <DateInput name="from" label={t('shopTime.completedFrom')} value={value.from} onChange={(day) => set('from', day)} />
      </label>
      <label>
        <span>{t('shopTime.completedTo')}</span>
        <DateInput name="to" label={t('shopTime.completedTo')} value={value.to} onChange={(day) => set('to', day)} />
      </label>
      <FinisherFilter value={value.finishedBy ?? ''} onChange={(finisher) => set('finishedBy', finisher)} />
    </fieldset>
  );
}
