import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertSettingsForm } from '../clerk/AlertSettingsForm';
import { ErrorMessage } from '../components/ErrorMessage';
import { useStaffName } from '../loc/use-staff-name';
import { CurrentStaff } from './CurrentStaff';
import { useAddStaff, useRemoveStaff, useStaffList } from './use-staff-list';
import './staff.css';

/** The shop's staff list, who is at work on this PC, and whether this PC alerts. */
export function StaffScreen() {
  const { t } = useTranslation();
  return (
    <div className="staff-screen">
      <section className="panel" aria-labelledby="staff-title">
        <h2 id="staff-title">{t('clerk.staff.title')}</h2>
        <p className="muted">{t('clerk.staff.intro')}</p>
        <div className="staff-current">
          <CurrentStaff name="staffAtWork" label={t('clerk.staff.current')} />
          <p className="muted">{t('clerk.staff.currentHint')}</p>
        </div>
        <StaffList />
      </section>
      <AlertSettingsForm />
    </div>
  );
}

function StaffList() {
  const { t } = useTranslation();
  const staff = useStaffList();
  const add = useAddStaff();
  const remove = useRemoveStaff();
  const [current] = useStaffName();
  const [name, setName] = useState('');
  // Kept as what happened, not as words, so it reads in the language chosen after it.
  const [notice, setNotice] = useState<{ what: 'added' | 'removed'; name: string } | null>(null);
  return (
    <>
      <h3>{t('clerk.staff.listTitle')}</h3>
      <ErrorMessage error={staff.error} />
      {staff.data?.length === 0 && <p className="muted">{t('clerk.staff.empty')}</p>}
      <ul className="staff-list">
        {(staff.data ?? []).map((member) => (
          <li key={member.id} data-staff-id={member.id}>
            <bdi className="staff-name" title={member.name}>
              {member.name}
            </bdi>
            {member.name === current && <span className="badge">{t('clerk.staff.isCurrent')}</span>}
            <button
              type="button"
              disabled={remove.isPending}
              onClick={() =>
                remove.mutate(member, { onSuccess: () => setNotice({ what: 'removed', name: member.name }) })
              }
            >
              {t('clerk.staff.remove', { name: member.name })}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="staff-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          add.mutate(name, {
            onSuccess: (added) => {
              setName('');
              setNotice({ what: 'added', name: added.name });
            },
          });
        }}
      >
        <label className="field">
          <span>{t('clerk.staff.name')}</span>
          <input name="staffName" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={add.isPending || !name.trim()}>
          {add.isPending ? t('clerk.staff.adding') : t('clerk.staff.add')}
        </button>
      </form>
      <ErrorMessage error={add.error ?? remove.error} />
      {notice && (
        <p role="status" className="notice">
          {notice.what === 'added' ? t('clerk.staff.added', { name: notice.name }) : t('clerk.staff.removed', { name: notice.name })}
        </p>
      )}
    </>
  );
}
