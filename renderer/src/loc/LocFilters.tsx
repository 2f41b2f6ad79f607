import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { DateRangeFilter, KindFilter } from './FilterFields';
import { locSortFields, staffStatusFilterKeys, type LocFilterState } from './filters';

interface Props {
  value: LocFilterState;
  onChange: (next: LocFilterState) => void;
}

export function LocFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const configs = useQuery({ queryKey: ['crosssell.list'], queryFn: () => api.call('crosssell.list', {}) });
  const set = <K extends keyof LocFilterState>(key: K, next: LocFilterState[K]) => onChange({ ...value, [key]: next });

  return (
    <fieldset className="loc-filters">
      <legend>{t('loc.filters')}</legend>
      <label>
        <span>{t('loc.filterStatus')}</span>
        <select name="status" value={value.status} onChange={(e) => set('status', e.target.value)}>
          <option value="">{t('loc.all')}</option>
          {staffStatusFilterKeys.map((s) => (
            <option key={s} value={s}>
              {t(`loc.statusFilter.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <KindFilter value={value.kind} onChange={(kind) => set('kind', kind)} />
      <label>
        <span>{t('loc.filterConfig')}</span>
        <select name="crosssellConfigId" value={value.crosssellConfigId} onChange={(e) => set('crosssellConfigId', e.target.value)}>
          <option value="">{t('loc.all')}</option>
          {(configs.data ?? []).map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <DateRangeFilter from={value.from} to={value.to} onChange={set} />
      <label>
        <span>{t('loc.sortLabel')}</span>
        <select
          name="sortField"
          value={value.sortField}
          onChange={(e) => {
            const field = locSortFields.find((f) => f === e.target.value);
            if (field) set('sortField', field);
          }}
        >
          {locSortFields.map((f) => (
            <option key={f} value={f}>
              {t(`loc.sort.${f}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('loc.sortDirection')}</span>
        <select name="sortDirection" value={value.sortDirection} onChange={(e) => set('sortDirection', e.target.value === 'asc' ? 'asc' : 'desc')}>
          <option value="desc">{t('loc.desc')}</option>
          <option value="asc">{t('loc.asc')}</option>
        </select>
      </label>
    </fieldset>
  );
}
