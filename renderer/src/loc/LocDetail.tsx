import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { MemberLink } from '../members/MemberLink';
import { OutsideText } from '../components/OutsideText';
import { formatTokyoTime } from '../format';
import { completionLabelKey, completionStatusKey } from './completion-statuses';
import { CloudRefusal } from './CloudRefusal';
import { CompletionForm, type CompletionDone } from './CompletionForm';
import { FailureEvidence, manualReason } from './FailureEvidence';
import { ReopenForm } from './ReopenForm';
import { RobotHold } from './RobotHold';
import { JournalSection, RunsSection } from './RunHistory';
import { ConfigSection, MemberSection } from './RequestFacts';
import { finisherLabel } from '../completed/FinishedBy';
import { robotResultOutcome, robotResultText } from './robot-result';
import { ZoneLabel } from '../components/ShopTime';

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
  // Staff never change a request underneath a robot; the core refuses it too.
  const held = d?.robotHold != null;

  return (
    <aside className="panel loc-detail" aria-labelledby="loc-detail-title">
      <header className="panel-header">
        <h2 id="loc-detail-title">{t('detail.title', { id })}</h2>
        {d && <MemberLink id={d.memberId}>{t('clerk.memberLink')}</MemberLink>}
        <button type="button" onClick={onClose}>
          {t('detail.close')}
        </button>
      </header>
      <ErrorMessage error={detail.error} />
      {d && (
        <>
          <Summary detail={d} />
          <CloudRefusal detail={d} />
          {notice && (
            <p role="status" className="notice">
              {notice}
            </p>
          )}
          <RobotHold id={id} hold={d.robotHold} />
          <FailureEvidence detail={d} />
          {d.status === 'needs_manual' && <RetryButton id={id} disabled={held} />}
          {d.status === 'done' ? (
            <ReopenForm id={id} disabled={held} onReopened={() => setNotice(t('completed.reopen.done'))} />
          ) : (
            <>
              {!held && robotAtWork(d) && (
                <p className="error" role="note">
                  {t('completed.complete.robotWorking')}
                </p>
              )}
              <CompletionForm
                ids={[id]}
                disabled={held}
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

/**
 * The request's facts. A finished one shows how it was finished (and the robot's result when the
 * robot finished it); an open one its state, with the one reason it waits for said above it.
 */
function Summary({ detail: d }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const finished = d.status === 'done';
  const result = robotResultText(t, d.robotResult);
  const reason = manualReason(t, d);
  // Said once: the reason a request waits for is shown above, never again here as its result or note.
  const shownResult = finished ? (robotResultOutcome(d.robotResult) === 'done' ? result : '') : reason === null ? result : '';
  return (
    <dl className="facts request-summary">
      <dt>{t('loc.col.status')}</dt>
      <dd className={`status status-${d.status}`}>{t(`loc.status.${d.status}`, { defaultValue: d.status })}</dd>
      <dt>{t('loc.col.kind')}</dt>
      <dd>{t(`loc.kind.${d.kind}`, { defaultValue: d.kind })}</dd>
      <dt>
        {t('detail.requestedAt')} <ZoneLabel />
      </dt>
      <dd>{formatTokyoTime(d.requestedAt, lng)}</dd>
      {d.completionStatus && (
        <>
          <dt>{t('completed.col.completionStatus')}</dt>
          <dd data-testid="completion-status">{t(`completed.status.${completionStatusKey(d.completionStatus) ?? ''}`, { defaultValue: d.completionStatus })}</dd>
        </>
      )}
      {d.finishedBy && (
        <>
          <dt>{t('finisher.title')}</dt>
          <dd data-testid="finished-by">{finisherLabel(t, d)}</dd>
        </>
      )}
      {d.completedAt && (
        <>
          <dt>{t('completed.col.completedAt')}</dt>
          <dd>{formatTokyoTime(d.completedAt, lng)}</dd>
        </>
      )}
      {shownResult && (
        <>
          <dt>{t('loc.col.robotResult')}</dt>
          <dd data-testid="robot-result">{shownResult}</dd>
        </>
      )}
      {d.note && d.note !== reason && (
        <>
          <dt>{t('detail.note')}</dt>
          <dd>
            <OutsideText text={d.note} />
          </dd>
        </>
      )}
      {d.work && !finished && (
        <>
          <dt>{t('detail.robotWork')}</dt>
          <dd data-testid="robot-work">
            {t(`loc.status.${d.work.status}`, { defaultValue: d.work.status })} · {t('detail.attempts')} {d.runs.length}
            {d.work.nextAttemptAt && ` · ${t('detail.nextAttemptAt')} ${formatTokyoTime(d.work.nextAttemptAt, lng)}`}
          </dd>
        </>
      )}
    </dl>
  );
}

function RetryButton({ id, disabled }: { id: number; disabled: boolean }) {
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
      <button type="button" className="primary" disabled={disabled || retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending ? t('detail.retrying') : t('detail.retry')}
      </button>
      {retry.isSuccess && <p role="status">{t('detail.retried')}</p>}
      <ErrorMessage error={retry.error} />
    </div>
  );
}
