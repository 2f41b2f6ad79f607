import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatTokyoTime } from '../format';
import { completionLabelKey, completionStatusKey } from './completion-statuses';
import { CompletionForm, type CompletionDone } from './CompletionForm';
import { FailureEvidence, manualReason } from './FailureEvidence';
import { ReopenForm } from './ReopenForm';
import { robotResultMessage } from './robot-result';

type Detail = ResultOf<'loc.get'>;

interface Props {
  id: number;
  onClose: () => void;
  onCompleted?: (done: CompletionDone) => void;
}

export function LocDetail({ id, onClose, onCompleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const detail = useQuery({ queryKey: ['loc.get', id], queryFn: () => api.call('loc.get', { id }) });
  const d = detail.data;
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <aside className="panel loc-detail" aria-labelledby="loc-detail-title">
      <header className="panel-header">
        <h2 id="loc-detail-title">{t('detail.title', { id })}</h2>
        <button type="button" onClick={onClose}>
          {t('detail.close')}
        </button>
      </header>
      <ErrorMessage error={detail.error} />
      {d && (
        <>
          <Summary detail={d} />
          {notice && (
            <p role="status" className="notice">
              {notice}
            </p>
          )}
          <FailureEvidence detail={d} />
          {d.status === 'needs_manual' && <RetryButton id={id} />}
          {d.status === 'done' ? (
            <ReopenForm id={id} onReopened={() => setNotice(t('completed.reopen.done'))} />
          ) : (
            <>
              {robotAtWork(d) && (
                <p className="error" role="note">
                  {t('completed.complete.robotWorking')}
                </p>
              )}
              <CompletionForm
                ids={[id]}
                onCompleted={(done) => {
                  setNotice(t('completed.complete.doneOne', { id, status: t(completionLabelKey(done.completionStatus)) }));
                  onCompleted?.(done);
                }}
              />
            </>
          )}
          <MemberSection detail={d} />
          <ConfigSection detail={d} />
          <RunsSection detail={d} />
          <JournalSection detail={d} />
        </>
      )}
    </aside>
  );
}

/** The cloud's status can lag the robot's own on this workstation, so either saying so counts. */
function robotAtWork(d: Detail): boolean {
  return [d.status, d.work?.status].some((s) => s === 'leased' || s === 'running');
}

function Summary({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <dl className="facts">
      <dt>{t('loc.col.status')}</dt>
      <dd className={`status status-${d.status}`}>{t(`loc.status.${d.status}`, { defaultValue: d.status })}</dd>
      <dt>{t('loc.col.kind')}</dt>
      <dd>{t(`loc.kind.${d.kind}`, { defaultValue: d.kind })}</dd>
      <dt>{t('detail.requestedAt')}</dt>
      <dd>{formatTokyoTime(d.requestedAt, lng)}</dd>
      {d.completionStatus && (
        <>
          <dt>{t('completed.col.completionStatus')}</dt>
          <dd data-testid="completion-status">{t(`completed.status.${completionStatusKey(d.completionStatus) ?? ''}`, { defaultValue: d.completionStatus })}</dd>
        </>
      )}
      {d.completedAt && (
        <>
          <dt>{t('completed.col.completedAt')}</dt>
          <dd>{formatTokyoTime(d.completedAt, lng)}</dd>
        </>
      )}
      {d.robotResult && robotResultMessage(d.robotResult) !== manualReason(d) && (
        <>
          <dt>{t('loc.col.robotResult')}</dt>
          <dd>{robotResultMessage(d.robotResult)}</dd>
        </>
      )}
      {d.note && (
        <>
          <dt>{t('detail.note')}</dt>
          <dd>{d.note}</dd>
        </>
      )}
      {d.work && (
        <>
          <dt>{t('detail.robotWork')}</dt>
          <dd>
            {t(`loc.status.${d.work.status}`, { defaultValue: d.work.status })} · {t('detail.attempts')} {d.work.attempts}
            {d.work.nextAttemptAt && ` · ${t('detail.nextAttemptAt')} ${formatTokyoTime(d.work.nextAttemptAt, lng)}`}
          </dd>
        </>
      )}
    </dl>
  );
}

function RetryButton({ id }: { id: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api.call('loc.retry', { id }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['loc.get', id] });
      void queryClient.invalidateQueries({ queryKey: ['loc.list'] });
    },
  });
  return (
    <div className="actions">
      <button type="button" className="primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending ? t('detail.retrying') : t('detail.retry')}
      </button>
      {retry.isSuccess && <p role="status">{t('detail.retried')}</p>}
      <ErrorMessage error={retry.error} />
    </div>
  );
}

function MemberSection({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('detail.member')}</h3>
      <dl className="facts">
        <dt>{t('detail.lineName')}</dt>
        <dd>{d.member.displayName}</dd>
        <dt>{t('detail.name')}</dt>
        <dd>{d.member.name ?? ''}</dd>
        <dt>{t('detail.phone')}</dt>
        <dd>{d.member.phone ?? ''}</dd>
        <dt>{t('detail.email')}</dt>
        <dd>{d.member.email ?? ''}</dd>
      </dl>
      <h3>{t('detail.cartCustomers')}</h3>
      {d.cartCustomers.length === 0 ? (
        <p className="muted">{t('detail.noCartCustomers')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('detail.cart')}</th>
              <th scope="col">{t('detail.customerNumber')}</th>
              <th scope="col">{t('detail.name')}</th>
            </tr>
          </thead>
          <tbody>
            {d.cartCustomers.map((c) => (
              <tr key={c.id}>
                <td>{c.cart}</td>
                <td>{c.customerNumber}</td>
                <td>{c.name ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ConfigSection({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  const c = d.crosssellConfig;
  return (
    <section>
      <h3>{t('detail.config')}</h3>
      {c ? (
        <dl className="facts">
          <dt>{t('loc.filterConfig')}</dt>
          <dd>{c.name}</dd>
          <dt>{t('loc.col.product')}</dt>
          <dd>{c.productName}</dd>
          <dt>{t('detail.productCode')}</dt>
          <dd>{c.productCode}</dd>
          <dt>{t('detail.cart')}</dt>
          <dd>{c.cart}</dd>
          <dt>{t('detail.stopRunningSubscriptions')}</dt>
          <dd>{c.stopRunningSubscriptions ? t('detail.yes') : t('detail.no')}</dd>
        </dl>
      ) : (
        <p className="muted">{t('detail.noConfig')}</p>
      )}
    </section>
  );
}

function RunsSection({ detail: d }: { detail: Detail }) {
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
                  <td>{step.step}</td>
                  <td>{step.state}</td>
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

function JournalSection({ detail: d }: { detail: Detail }) {
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
