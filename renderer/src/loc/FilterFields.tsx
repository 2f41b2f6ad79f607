import { useTranslation } from 'react-i18next';
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

/** The Japan-day range both LOC lists filter by; each side is a date input's `YYYY-MM-DD`. */
export function DateRangeFilter({ from, to, onChange }: { from: string; to: string; onChange: (side: 'from' | 'to', date: string) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>
        <span>{t('loc.filterFrom')}</span>
        <input type="date" name="from" value={from} onChange={(e) => onChange('from', e.target.value)} />
      </label>
      <label>
        <span>{t('loc.filterTo')}</span>
        <input type="date" name="to" value={to} onChange={(e) => onChange('to', e.target.value)} />
      </label>
    </>
  );
}
