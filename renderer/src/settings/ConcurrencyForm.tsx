import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { FieldError } from '../components/FieldError';
import { useLeaveGuard } from '../components/leave-guard';
import { callAcrossRestart } from './call-across-restart';
import { SaveError } from './SaveError';
import { fieldIssue, fieldIssuesOf } from './settings-issues';
import { useSettingsSaved, type Settings } from './use-settings';

/** How many requests the robot works at once (its browser windows): 2 unless the PC is slow. */
export function ConcurrencyForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useSettingsSaved();
  const id = useId();
  const { concurrency, minConcurrency: min, maxConcurrency: max } = settings.robot;
  const [draft, setDraft] = useState<string | null>(null);
  const [issue, setIssue] = useState<string | undefined>();
  useLeaveGuard(() => (draft !== null ? t('settings.unsaved') : null));
  const save = useMutation({
    mutationFn: (value: number) => callAcrossRestart(api, 'settings.save', { robotConcurrency: value }),
    onSuccess: (answer) => {
      // The robot takes the new number when the core starts again: every screen asks afresh.
      saved(answer.settings, answer.applies === 'restart');
      setDraft(null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft === null) return;
    const value = Number(draft.trim());
    const found = draft.trim() === '' || !Number.isInteger(value) || value < min || value > max ? fieldIssue('concurrency', { min, max }) : undefined;
    setIssue(found);
    if (!found) save.mutate(value);
  };
  const shown = issue ?? fieldIssuesOf(save.error).robotConcurrency;

  return (
    <form className="settings-form" onSubmit={submit} noValidate aria-label={t('settings.robot.title')} data-testid="concurrency-form">
      <div className="field">
        <label htmlFor={`${id}-n`}>{t('settings.robot.concurrency')}</label>
        <div className="form-actions">
          <input
            id={`${id}-n`}
            name="robot-concurrency"
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            value={draft ?? String(concurrency)}
            aria-invalid={shown ? true : undefined}
            aria-describedby={`${id}-error`}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" disabled={save.isPending || draft === null}>
            {t('settings.save')}
          </button>
          {save.isSuccess && draft === null && (
            <span role="status" className="notice">
              {t('settings.saved')}
            </span>
          )}
        </div>
        <FieldError id={`${id}-error`} message={shown} />
      </div>
      <SaveError error={shown ? null : save.error} />
    </form>
  );
}
