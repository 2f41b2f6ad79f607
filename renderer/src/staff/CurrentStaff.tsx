import { useTranslation } from 'react-i18next';
import { useStaffName } from '../loc/use-staff-name';
import { useStaffList } from './use-staff-list';

/**
 * Who is at work on this PC, picked once from the shop's staff list instead of typed into every
 * form. A name typed in a form that is not on the list stays offered here until changed.
 */
export function CurrentStaff({ name = 'currentStaff', label }: { name?: string; label?: string }) {
  const { t } = useTranslation();
  const staff = useStaffList();
  const [current, setCurrent] = useStaffName();
  const names = (staff.data ?? []).map((member) => member.name);
  const offered = current && !names.includes(current) ? [...names, current] : names;
  return (
    <label className="current-staff">
      <span>{label ?? t('clerk.current.label')}</span>
      <select name={name} value={current} onChange={(e) => setCurrent(e.target.value)}>
        <option value="">{t('clerk.current.nobody')}</option>
        {offered.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
