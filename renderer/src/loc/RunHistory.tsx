import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { formatTokyoTime } from '../format';
import { reasonText } from './reason-text';
import { stepDetailText } from './step-detail';
import { ZoneLabel } from '../components/ShopTime';

type Detail = ResultOf<'loc.get'>;

/** The robot's attempts at the request, step by step. */
export function RunsSection({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section>
      <h3>
        {t('detail.runs')} {d.runs.length > 0 && <ZoneLabel />}
      </h3>
      {d.runs.length === 0 && <p className="muted">{t('detail.noRuns')}</p>}
      {d.runs.map((run) => (
        <div key={run.id} className="run">
          <h4>
            {t('detail.run', { attempt: run.attempt })} · {formatTokyoTime(run.startedAt, lng)}
            {run.outcome && ` · ${t('detail.outcome')}: ${t(`loc.status.${run.outcome}`, { defaultValue: run.outcome })}`}
          </h4>
          {run.errorMessage && <p className="error">{reasonText(t, run.errorReason, run.errorMessage)}</p>}
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
                  <td className="step-detail">
                    {stepDetailText(t, step)}
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

type Transition = Detail['transitions'][number];

/**
 * Who made a change, in the shop's words: ロボット（the workstation's name）, the staff member by
 * the name they gave (スタッフ when they gave none), the cloud.
 */
function Actor({ transition: tr }: { transition: Transition }) {
  const { t } = useTranslation();
  if (tr.actor === 'robot' && tr.actorName) return <>{t('detail.actors.robotNamed', { name: tr.actorName })}</>;
  if (tr.actor === 'staff' && tr.actorName) return <span translate="no">{tr.actorName}</span>;
  return <>{t(`detail.actors.${tr.actor}`)}</>;
}

/** Every status change of the request: when, by whom, what happened and why. */
export function JournalSection({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const status = (s: string) => t(`loc.status.${s}`);
  return (
    <section>
      <h3>{t('detail.journal')}</h3>
      {d.transitions.length === 0 ? (
        <p className="muted">{t('detail.noJournal')}</p>
      ) : (
        <table className="compact journal">
          <thead>
            <tr>
              <th scope="col">
                {t('detail.at')} <ZoneLabel />
              </th>
              <th scope="col">{t('detail.actor')}</th>
              <th scope="col">{t('detail.change')}</th>
            </tr>
          </thead>
          <tbody>
            {d.transitions.map((tr, i) => (
              <tr key={`${tr.at}-${i}`} data-event={tr.event}>
                <td className="journal-at">{formatTokyoTime(tr.at, lng)}</td>
                <td className="journal-actor">
                  <Actor transition={tr} />
                </td>
                <td>
                  <div className="journal-event">{t(`detail.events.${tr.event}`, { defaultValue: t('detail.unknownEvent') })}</div>
                  {tr.fromStatus !== tr.toStatus && (
                    <div className="muted journal-status">
                      {status(tr.fromStatus)} → {status(tr.toStatus)}
                    </div>
                  )}
                  {tr.reason && <div className="journal-reason">{reasonText(t, tr.reasonData, tr.reason)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
