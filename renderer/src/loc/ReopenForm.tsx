import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../components/ErrorMessage';
import { StaffNames } from '../staff/StaffNames';
import { staffArg, useStaffName } from './use-staff-name';
import { useReopenLoc } from './use-loc-actions';
import './completion.css';

/**
 * Opens a finished request again. The reason is required because it is the audit trail: it is
 * journaled with the change and sent to the cloud as the request's note.
 */
export function ReopenForm({ id, onReopened, disabled = false }: { id: number; onReopened?: (id: number) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const formId = useId();
  const [reason, setReason] = useState('');
  const [staff, setStaff] = useStaffName();
  const reopen = useReopenLoc();
  const trimmed = reason.trim();

  return (
    <form
      className="reopen-form"
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!trimmed || disabled) return;
        reopen.mutate(
          { id, reason: trimmed, ...staffArg(staff) },
          {
            onSuccess: () => {
              setReason('');
              onReopened?.(id);
            },
          },
        );
      }}
    >
      <h3 id={`${formId}-title`}>{t('completed.reopen.title')}</h3>
      <p className="muted">{t('completed.reopen.hint')}</p>
      <label className="field">
        <span>{t('completed.reopen.reason')}</span>
        <textarea name="reason" rows={2} maxLength={500} required value={reason} disabled={disabled || reopen.isPending} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('completed.staffName')}</span>
        <input
          name="staff"
          list={`${formId}-staff`}
          maxLength={100}
          value={staff}
          disabled={disabled || reopen.isPending}
          onChange={(e) => setStaff(e.target.value)}
        />
        <StaffNames id={`${formId}-staff`} />
      </label>
      <div className="actions">
        <button type="submit" className="primary" disabled={disabled || !trimmed || reopen.isPending}>
          {reopen.isPending ? t('completed.reopen.saving') : t('completed.reopen.submit')}
        </button>
      </div>
      <ErrorMessage error={reopen.error} />
    </form>
  );
}
