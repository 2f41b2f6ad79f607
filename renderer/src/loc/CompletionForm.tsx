import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffNames } from '../staff/StaffNames';
import { completionLabelKey, completionStatuses, type CompletionStatus } from './completion-statuses';
import { CompletionError } from './CompletionError';
import { staffArg, useStaffName } from './use-staff-name';
import { useCompleteLoc } from './use-loc-actions';
import './completion.css';

export interface CompletionDone {
  ids: number[];
  completionStatus: CompletionStatus;
}

interface Props {
  ids: readonly number[];
  onCompleted: (done: CompletionDone) => void;
  /** Offered when the core refuses some of the requests, to take them out of the selection. */
  onDrop?: (ids: number[]) => void;
  disabled?: boolean;
}

/**
 * Finishes one request or a selection by hand. Completing moves money-adjacent work out of
 * everyone's queue and reaches the cloud, so it takes a second, explicit step that names how
 * many requests and which status.
 */
export function CompletionForm({ ids, onCompleted, onDrop, disabled = false }: Props) {
  const { t } = useTranslation();
  const formId = useId();
  const [status, setStatus] = useState<CompletionStatus | null>(null);
  const [note, setNote] = useState('');
  const [staff, setStaff] = useStaffName();
  const [confirming, setConfirming] = useState(false);
  const complete = useCompleteLoc();
  const label = (value: CompletionStatus) => t(completionLabelKey(value));
  // Disabled while the form cannot be sent at all (a robot holds the request, too many rows ticked).
  const locked = confirming || complete.isPending || disabled;

  const submit = () => {
    if (!status || disabled) return;
    const trimmed = note.trim();
    complete.mutate(
      { ids: [...ids], completionStatus: status, ...(trimmed ? { note: trimmed } : {}), ...staffArg(staff) },
      {
        onSuccess: (result) => {
          setConfirming(false);
          setNote('');
          onCompleted({ ids: result.ids, completionStatus: result.completionStatus });
        },
        onError: () => setConfirming(false),
      },
    );
  };

  return (
    <form
      className="completion-form"
      aria-labelledby={`${formId}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        if (status) setConfirming(true);
      }}
    >
      <h3 id={`${formId}-title`}>{ids.length === 1 ? t('completed.complete.titleOne') : t('completed.complete.titleMany', { count: ids.length })}</h3>
      <fieldset className="completion-statuses" disabled={locked}>
        <legend>{t('completed.complete.status')}</legend>
        {completionStatuses.map((s) => (
          <label key={s.value}>
            <input type="radio" name={`${formId}-status`} value={s.value} checked={status === s.value} onChange={() => setStatus(s.value)} />
            {t(`completed.status.${s.key}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('completed.complete.note')}</span>
        <textarea name="note" rows={2} maxLength={2000} value={note} disabled={locked} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('completed.staffName')}</span>
        <input name="staff" list={`${formId}-staff`} maxLength={100} value={staff} disabled={locked} onChange={(e) => setStaff(e.target.value)} />
        <StaffNames id={`${formId}-staff`} />
      </label>
      {confirming && status ? (
        <div
          className="confirm"
          role="alertdialog"
          aria-label={t('completed.complete.confirmTitle')}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && !complete.isPending) setConfirming(false);
          }}
        >
          <p>
            {ids.length === 1
              ? t('completed.complete.confirmOne', { id: ids[0], status: label(status) })
              : t('completed.complete.confirmMany', { count: ids.length, status: label(status) })}
          </p>
          <p className="muted">{t('completed.complete.confirmHint')}</p>
          <div className="actions">
            {/* Focused when it appears, so Enter completes and Esc goes back: the clerk's path needs no mouse. */}
            <button type="button" className="primary" autoFocus disabled={disabled || complete.isPending} onClick={submit}>
              {complete.isPending ? t('completed.complete.saving') : t('completed.complete.confirm')}
            </button>
            <button type="button" disabled={complete.isPending} onClick={() => setConfirming(false)}>
              {t('completed.complete.back')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          {/* Outlined rather than filled: the filled button stays the pane's one direct action, and this one only opens the confirmation. */}
          <button type="submit" className="open-confirm" disabled={!status || disabled || ids.length === 0}>
            {t('completed.complete.submit')}
          </button>
        </div>
      )}
      <CompletionError
        error={complete.error}
        {...(onDrop
          ? {
              onDrop: (refused: number[]) => {
                complete.reset();
                onDrop(refused);
              },
            }
          : {})}
      />
    </form>
  );
}
