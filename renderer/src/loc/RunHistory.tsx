import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { formatTokyoTime } from '../format';

type Detail = ResultOf<'loc.get'>;

/** The robot's attempts at the request, step by step. */
export function RunsSection({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section>
      <h3>{t('detail.runs')}</h3>
      {d.runs.length === 0 && <p className="muted">{t('detail.noRuns')}</p>}
      {d.runs.map((run) => (
        <div key={run.id} className="run">
          <h4>
            {t('detail.run', { attempt: run.attempt })} · {formatTokyoTime(run.startedAt, lng)}
            {run.outcome && ` · ${t('detail.outcome')}: ${t(`loc.status.${run.outcome}`, { defaultValue: run.outcome })}`}
          </h4>
          {run.errorMessage && <p className="error">{run.errorMessage}</p>}
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t('detail.step')}</th>
                <th scope="col">{t('detail.state')}</th>
                <th scope="col">{t('detail.stepDetail')}</th>
              </tr>
            </thead>
            <tbody>
              {run.steps.map((step) => (
                <tr key={step.id}>
                  <td>{t(`detail.steps.${d.kind}.${step.step}`, { defaultValue: t('detail.unknownStep') })}</td>
                  <td>{t(`detail.stepStates.${step.state}`, { defaultValue: step.state })}</td>
                  <td>
                    {step.detail ?? ''}
                    {(step.screenshotPath || step.tracePath) && (
                      <div className="muted">
                        {[step.screenshotPath && t('detail.screenshot'), step.tracePath && t('detail.trace')].filter(Boolean).join(' · ')}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

/** Every status change of the request: when, by whom, why. */
export function JournalSection({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section>
      <h3>{t('detail.journal')}</h3>
      {d.transitions.length === 0 ? (
        <p className="muted">{t('detail.noJournal')}</p>
      ) : (
        <table className="compact journal">
          <thead>
            <tr>
              <th scope="col">{t('detail.at')}</th>
              <th scope="col">{t('detail.actor')}</th>
              <th scope="col">{t('detail.change')}</th>
              <th scope="col">{t('detail.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {d.transitions.map((tr, i) => (
              <tr key={`${tr.at}-${i}`}>
                <td>{formatTokyoTime(tr.at, lng)}</td>
                <td>
                  {t(`detail.actors.${tr.actor}`)}
                  {tr.actorDetail && <small className="muted"> {tr.actorDetail}</small>}
                </td>
                <td>
                  {t(`loc.status.${tr.fromStatus}`, { defaultValue: tr.fromStatus })} → {t(`loc.status.${tr.toStatus}`, { defaultValue: tr.toStatus })}
                  <small className="muted"> {tr.event}</small>
                </td>
                <td>{tr.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
