import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NightWindow } from '../../../electron/core/api/types';
import { ApiCallError, type ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { useLeaveGuard } from '../components/leave-guard';
import { ZoneLabel } from '../components/ShopTime';
import { formatDateMinute } from '../format';
import { readClockTime } from './clock-time';
import './night-mode.css';

/**
 * Night mode: the hours in which this PC's robot runs by itself (in the shop's time zone, usually
 * across midnight), and whether the desktop app starts when staff log in.
 */
export function NightMode() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['night.get'], queryFn: () => api.call('night.get', {}) });
  // Hours being edited stay as typed until they are saved, whatever else on the panel is saved meanwhile.
  const [draft, setDraft] = useState<NightWindow | null>(null);
  const savedWindow = current.data?.window;
  // Hours typed and not saved are asked about before a screen or a setup step takes them away.
  useLeaveGuard(() =>
    draft && savedWindow && (draft.enabled !== savedWindow.enabled || draft.start !== savedWindow.start || draft.end !== savedWindow.end) ? t('settings.unsaved') : null,
  );
  const saved = (data: ResultOf<'night.get'>) => {
    queryClient.setQueryData(['night.get'], data);
    void queryClient.invalidateQueries({ queryKey: ['robot.status'] });
  };
  const save = useMutation({
    mutationFn: (window: NightWindow) => api.call('night.set', window),
    onSuccess: (data) => {
      saved(data);
      setDraft(null);
    },
  });
  // What staff just clicked, shown at once while it is saved; the core's answer replaces it.
  const [clicked, setClicked] = useState<boolean | null>(null);
  const login = useMutation({
    mutationFn: (on: boolean) => api.call('night.setStartAtLogin', { startAtLogin: on }),
    onSuccess: saved,
    onSettled: () => setClicked(null),
  });
  const window = draft ?? current.data?.window ?? null;
  const change = (part: Partial<NightWindow>) => window && setDraft({ ...window, ...part });
  const start = window && readClockTime(window.start);
  const end = window && readClockTime(window.end);
  const badTime = window !== null && (start === null || end === null);
  const sameTimes = !badTime && start === end;
  const refused = save.error instanceof ApiCallError && save.error.kind === 'invalid_argument';

  return (
    <section className="panel night-mode" aria-labelledby="night-mode-title" data-testid="night-mode">
      <h2 id="night-mode-title">{t('nightMode.title')}</h2>
      {window && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!badTime && !sameTimes && start && end) save.mutate({ ...window, start, end });
          }}
        >
          <label className="inline">
            <input type="checkbox" name="night-enabled" checked={window.enabled} onChange={(e) => change({ enabled: e.target.checked })} /> {t('nightMode.enabled')}
          </label>
          <div className="night-times">
            {(['start', 'end'] as const).map((part) => (
              <label key={part}>
                <span>{t(`nightMode.${part}`)}</span>
                <input
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  size={5}
                  placeholder={t('nightMode.timePlaceholder')}
                  name={`night-${part}`}
                  required
                  value={window[part]}
                  aria-invalid={(part === 'start' ? start : end) === null ? true : undefined}
                  onChange={(e) => change({ [part]: e.target.value })}
                />
              </label>
            ))}
            <ZoneLabel />
          </div>
          <div className="night-save">
            <button type="submit" disabled={save.isPending || draft === null || badTime || sameTimes}>
              {t('nightMode.save')}
            </button>
            {save.isSuccess && draft === null && (
              <span role="status" className="notice">
                {t('nightMode.saved')}
              </span>
            )}
          </div>
          {badTime && (
            <p className="error" role="alert">
              {t('nightMode.badTime')}
            </p>
          )}
          {(sameTimes || refused) && (
            <p className="error" role="alert">
              {t('nightMode.sameTimes')}
            </p>
          )}
        </form>
      )}
      {current.data?.tonight ? (
        <p className="notice" data-testid="night-tonight">
          {t('nightMode.tonight', { from: formatDateMinute(current.data.tonight.start), to: formatDateMinute(current.data.tonight.end) })}
        </p>
      ) : (
        <p className="muted">{t('nightMode.hint')}</p>
      )}
      {current.data && (
        <label className="inline">
          <input
            type="checkbox"
            name="start-at-login"
            checked={clicked ?? current.data.startAtLogin}
            disabled={login.isPending}
            onChange={(e) => {
              setClicked(e.target.checked);
              login.mutate(e.target.checked);
            }}
          />{' '}
          {t('nightMode.startAtLogin')}
        </label>
      )}
      <ErrorMessage error={current.error ?? (refused ? null : save.error) ?? login.error} />
    </section>
  );
}
