import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { ZoneLabel } from '../components/ShopTime';
import { formatCount, formatTokyoTime } from '../format';
import { reasonText } from '../loc/reason-text';
import { WorkstationName } from './WorkstationName';
import { NightMode } from './NightMode';
import { UsagePanel } from '../usage/UsagePanel';
import './robot-console.css';

/** Workers move from step to step within seconds; events only mark request changes, so poll too. */
const REFRESH_MS = 3_000;

const queueKeys = ['waiting', 'retrying', 'working', 'needsManual', 'done'] as const;
const todayKeys = ['done', 'needsManual', 'failedRetryable'] as const;

export function RobotConsole() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['robot.status'], queryFn: () => api.call('robot.status', {}), refetchInterval: REFRESH_MS });
  const control = useMutation({
    mutationFn: (action: 'start' | 'stop') => (action === 'start' ? api.call('robot.start', {}) : api.call('robot.stop', {})),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['robot.status'] }),
  });
  const s = status.data;

  return (
    <div className="robot-console">
      <section className="panel" aria-labelledby="robot-title">
        <header className="panel-header">
          <h2 id="robot-title">{t('robot.title')}</h2>
          {s?.available && (
            <div className="actions">
              <button type="button" className="primary" disabled={s.running || control.isPending} onClick={() => control.mutate('start')}>
                {t('robot.start')}
              </button>
              <button type="button" disabled={!s.running || control.isPending} onClick={() => control.mutate('stop')}>
                {control.isPending && control.variables === 'stop' ? t('robot.stopping') : t('robot.stop')}
              </button>
            </div>
          )}
        </header>
        <ErrorMessage error={status.error ?? control.error} />
        {s && (
          <p className={s.available ? 'robot-state' : 'robot-state warning'} data-testid="robot-availability">
            {s.available ? `${t('robot.available')} · ${s.running ? t('robot.running') : t('robot.stopped')}` : t('robot.unavailable')}
            {s.unavailableReason && <span className="reason">{reasonText(t, s.unavailableReasonData, s.unavailableReason)}</span>}
          </p>
        )}
      </section>
      {s && (
        <>
          <WorkstationName />
          <NightMode />
          <section className="panel" aria-labelledby="robot-workers">
            <h2 id="robot-workers">{t('robot.workers')}</h2>
            {s.workers.length === 0 ? (
              <p className="muted">{t('robot.idle')}</p>
            ) : (
              <ul className="workers">
                {s.workers.map((w) => (
                  <li key={w.worker}>
                    <strong>{t('robot.worker', { worker: w.worker + 1 })}</strong>{' '}
                    {w.requestId === null ? t('robot.idle') : `${t('robot.request', { id: w.requestId })} · ${t('robot.step')}: ${w.step && w.kind ? t(`detail.steps.${w.kind}.${w.step}`, { defaultValue: t('detail.unknownStep') }) : ''}`}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="panel" aria-labelledby="robot-queue">
            <h2 id="robot-queue">{t('robot.queue')}</h2>
            <dl className="facts">
              {queueKeys.map((k) => (
                <Fact key={k} label={t(`robot.queueCounts.${k}`)} value={s.queue ? formatCount(s.queue[k], lng) : '—'} />
              ))}
            </dl>
          </section>
          <section className="panel" aria-labelledby="robot-today">
            <h2 id="robot-today">{t('robot.today')}</h2>
            <dl className="facts">
              {todayKeys.map((k) => (
                <Fact key={k} label={t(`robot.todayCounts.${k}`)} value={formatCount(s.counts.today[k], lng)} />
              ))}
            </dl>
          </section>
          <UsagePanel />
          <section className="panel robot-errors-panel" aria-labelledby="robot-errors">
            <h2 id="robot-errors">{t('robot.recentErrors')}</h2>
            {s.recentErrors.length === 0 ? (
              <p className="muted">{t('robot.noErrors')}</p>
            ) : (
              <table className="compact robot-errors">
                <thead>
                  <tr>
                    <th scope="col" className="at">
                      {t('robot.errorsCol.at')} <ZoneLabel />
                    </th>
                    <th scope="col">{t('robot.errorsCol.request')}</th>
                    <th scope="col">{t('robot.errorsCol.kind')}</th>
                    <th scope="col">{t('robot.errorsCol.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.recentErrors.map((e, i) => (
                    <tr key={`${e.at}-${i}`}>
                      <td className="at">{formatTokyoTime(e.at, lng)}</td>
                      <td>{t('robot.request', { id: e.requestId })}</td>
                      <td>{t(`robot.errorKind.${e.kind}`)}</td>
                      <td className="error">{reasonText(t, e.reason, e.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}
