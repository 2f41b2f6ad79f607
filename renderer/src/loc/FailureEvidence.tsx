import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiCallError, type ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { downloadBase64 } from './download';
import { openTraceViewer, openTraceWindow, traceViewerKind, type TraceTab } from './open-trace';
import { reasonText } from './reason-text';
import { robotResultText } from './robot-result';
import './completion.css';

type Detail = ResultOf<'loc.get'>;
type Step = Detail['runs'][number]['steps'][number];

/** The newest failed step that left evidence: what the robot saw last is what the clerk needs. */
export function failedStepWithEvidence(detail: Detail): Step | undefined {
  let newest: Step | undefined;
  for (const run of detail.runs) {
    for (const step of run.steps) {
      if (step.state === 'failed' && (step.screenshotPath || step.tracePath) && (!newest || step.id > newest.id)) newest = step;
    }
  }
  return newest;
}

/**
 * Why the robot stopped, with its screenshot of the cart page at that moment and its Playwright
 * trace to download. Files are fetched by step id through the API; the renderer never reads
 * the robot's paths itself.
 */
/**
 * Why an open request waits for a person: the robot's own reason, or the one staff gave when
 * they reopened it. A finished request has none.
 */
export function manualReason(t: TFunction, detail: Detail): string | null {
  const open = detail.status === 'needs_manual' || detail.status === 'failed_retryable';
  if (!open) return null;
  if (detail.work?.reason) return reasonText(t, detail.work.reasonData, detail.work.reason);
  return robotResultText(t, detail.robotResult) || null;
}

export function FailureEvidence({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const step = failedStepWithEvidence(detail);
  const reason = manualReason(t, detail);
  // A finished request shows its finishing facts only, not why it once waited for a person.
  if (detail.status === 'done' || (!step && !reason)) return null;
  return (
    <section className="failure-evidence" aria-labelledby="failure-evidence-title">
      <h3 id="failure-evidence-title">{t('completed.evidence.title')}</h3>
      {reason && (
        <p className="error" data-testid="robot-reason">
          {reason}
        </p>
      )}
      {step && (
        <>
          <p className="muted">{t('completed.evidence.step', { step: t(`detail.steps.${detail.kind}.${step.step}`, { defaultValue: t('detail.unknownStep') }) })}</p>
          {step.screenshotPath && <Screenshot stepId={step.id} />}
          {step.tracePath && <TraceDownload stepId={step.id} />}
        </>
      )}
    </section>
  );
}

function Screenshot({ stepId }: { stepId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  // A step's files never change once written, so the image is fetched once per step.
  const shot = useQuery({
    queryKey: ['robot.artifact', stepId, 'screenshot'],
    queryFn: () => api.call('robot.artifact', { stepId, kind: 'screenshot' }),
    staleTime: Infinity,
    retry: false,
  });
  if (shot.isPending) return <p className="muted">{t('completed.evidence.loading')}</p>;
  if (shot.error) {
    const gone = shot.error instanceof ApiCallError && shot.error.kind === 'not_found';
    return gone ? <p className="muted">{t('completed.evidence.gone')}</p> : <ErrorMessage error={shot.error} />;
  }
  // A data: URL, which the shell's CSP allows for images; a top-level data: page is blocked, so no link.
  return (
    <img
      className="evidence-shot"
      src={`data:${shot.data.mime};base64,${shot.data.base64}`}
      alt={t('completed.evidence.screenshotAlt', { step: stepId })}
      data-testid="failure-screenshot"
    />
  );
}

function TraceDownload({ stepId }: { stepId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const trace = useMutation({
    mutationFn: () => api.call('robot.artifact', { stepId, kind: 'trace' }),
    onSuccess: (file) => downloadBase64(file.fileName, file.base64, file.mime),
  });
  const viewer = traceViewerKind();
  const [blocked, setBlocked] = useState(false);
  const open = useMutation({
    mutationFn: async (tab: TraceTab) => ({ tab, file: await api.call('robot.artifact', { stepId, kind: 'trace' }) }),
    onSuccess: ({ tab, file }) => tab.load(file.base64, file.mime),
    onError: (_error, tab) => tab.close(),
  });
  const desktop = useMutation({ mutationFn: () => openTraceWindow(stepId) });
  const error = open.error ?? trace.error;
  const opening = open.isPending || desktop.isPending;
  return (
    <div className="evidence-trace">
      {viewer && (
        <button
          type="button"
          className="open-trace"
          disabled={opening}
          onClick={() => {
            if (viewer === 'window') {
              desktop.mutate();
              return;
            }
            const tab = openTraceViewer();
            setBlocked(tab === null);
            if (tab) open.mutate(tab);
          }}
        >
          {opening ? t('clerk.trace.opening') : t('clerk.trace.open')}
        </button>
      )}
      <button type="button" disabled={trace.isPending} onClick={() => trace.mutate()}>
        {trace.isPending ? t('completed.evidence.downloading') : t('completed.evidence.trace')}
      </button>
      <p className="muted">{viewer === 'window' ? t('clerk.trace.hintWindow') : viewer === 'tab' ? t('clerk.trace.hint') : t('completed.evidence.traceHint')}</p>
      {blocked && (
        <p className="error" role="alert">
          {t('clerk.trace.blocked')}
        </p>
      )}
      {desktop.data === 'failed' && (
        <p className="error" role="alert">
          {t('clerk.trace.failed')}
        </p>
      )}
      {(error instanceof ApiCallError && error.kind === 'not_found') || desktop.data === 'gone' ? <p className="muted">{t('completed.evidence.gone')}</p> : <ErrorMessage error={error} />}
    </div>
  );
}
