import { useTranslation } from 'react-i18next';
import { DateInput } from '../components/DateInput';
import { locKinds } from './filters';

/** The kind select both LOC lists filter by. */
export function KindFilter({ value, onChange }: { value: string; onChange: (kind: string) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{t('loc.filterKind')}</span>
      <select name="kind" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('loc.all')}</option>
        {locKinds.map((k) => (
          <option key={k} value={k}>
            {t(`loc.kind.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The range of the shop's days the dashboard filters by; each side is a `YYYY-MM-DD`. */
export function DateRangeFilter({ from, to, onChange }: { from: string; to: string; onChange: (side: 'from' | 'to', date: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        <span>{t('loc.filterFrom')}</span>
        <DateInput name="from" label={t('loc.filterFrom')} value={from} onChange={(day) => onChange('from', day)} />
      </label>
      <label>
        <span>{t('loc.filterTo')}</span>
        <DateInput name="to" label={t('loc.filterTo')} value={to} onChange={(day) => onChange('to', day)} />
      </label>
    </>
  );
}
