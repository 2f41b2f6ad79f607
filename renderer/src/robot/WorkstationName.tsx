import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLeaveGuard } from '../components/leave-guard';

/**
 * The name this workstation's robot goes by on staff screens (「ロボット（レジ横のPC）」): the shop
 * sets it here; empty goes back to the computer's name.
 */
export function WorkstationName() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['workstation.get'], queryFn: () => api.call('workstation.get', {}) });
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => setDraft(null), [current.data?.name]);
  const savedName = current.data && !current.data.isDefault ? current.data.name : '';
  // A name typed and not saved is asked about before a screen or a setup step takes it away.
  useLeaveGuard(() => (draft !== null && draft.trim() !== savedName ? t('settings.unsaved') : null));
  const save = useMutation({
    mutationFn: (name: string) => api.call('workstation.setName', { name }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['workstation.get'], saved);
      void queryClient.invalidateQueries({ queryKey: ['loc.get'] });
      void queryClient.invalidateQueries({ queryKey: ['settings.get'] });
    },
  });
  const value = draft ?? (current.data && !current.data.isDefault ? current.data.name : '');

  return (
    <section className="panel" aria-labelledby="workstation-title">
      <h2 id="workstation-title">{t('robot.workstation.title')}</h2>
      <form
        className="workstation-name actions"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(value);
        }}
      >
        <label className="actions">
          <span>{t('robot.workstation.label')}</span>
          <input name="workstation-name" translate="no" value={value} maxLength={40} placeholder={current.data?.isDefault ? current.data.name : ''} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <button type="submit" disabled={save.isPending || draft === null}>
          {t('robot.workstation.save')}
        </button>
        {save.isSuccess && draft === null && (
          <span role="status" className="notice">
            {t('robot.workstation.saved', { name: save.data.name })}
          </span>
        )}
      </form>
      <p className="muted">{t('robot.workstation.hint')}</p>
      <ErrorMessage error={current.error ?? save.error} />
    </section>
  );
}
