import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiCallError, type ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatTokyoClock } from '../format';
import { staffArg, useStaffName } from './use-staff-name';

export type Hold = NonNullable<ResultOf<'loc.get'>['robotHold']>;

const stopRefusals = ['not_held', 'elsewhere', 'past_point_of_no_return'] as const;
type StopRefusal = (typeof stopRefusals)[number];

/** Why the core would not ask the robot to stop, when it said. */
function stopRefusal(error: unknown): StopRefusal | null {
  if (!(error instanceof ApiCallError) || error.kind !== 'conflict') return null;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return stopRefusals.find((r) => r === reason) ?? null;
}

/** 「この端末のロボットが処理中です（pc-a、18:05 から）」 */
export function holdSentence(t: TFunction, hold: Hold, language: string): string {
  const since = formatTokyoClock(hold.since, language);
  const workstation = hold.holderName;
  if (!hold.here) return t('detail.hold.elsewhere', { workstation, since });
  return workstation ? t('detail.hold.here', { workstation, since }) : t('detail.hold.hereUnnamed', { since });
}

/**
 * A robot holds the request: staff see who and since when, and that they cannot finish it
 * underneath the robot. This workstation's robot can be asked to stop while it has not begun
 * creating the order; it stops at its next step and leaves the request to staff.
 */
export function RobotHold({ id, hold }: { id: number; hold: Hold | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [staff] = useStaffName();
  const stop = useMutation({
    mutationFn: () => api.call('loc.stopRobot', { id, ...staffArg(staff) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['loc.get', id] });
      void queryClient.invalidateQueries({ queryKey: ['loc.list'] });
      void queryClient.invalidateQueries({ queryKey: ['robot.status'] });
    },
  });
  const refusal = stopRefusal(stop.error);
  // The robot may have let go meanwhile: the refusal that says so outlives the hold.
  if (!hold) return refusal || stop.error ? <StopError error={stop.error} refusal={refusal} /> : null;
  const asked = hold.stopRequested || stop.isSuccess;
  const hint = asked || refusal
    ? null
    : !hold.here
      ? t('detail.hold.elsewhereHint')
      : hold.canStop
        ? t('detail.hold.canStop')
        : t('detail.hold.pastPoint');

  return (
    <section className="robot-hold" data-testid="robot-hold" aria-live="polite">
      <p className="robot-hold-who">
        <span className="robot-hold-mark" aria-hidden="true" />
        {holdSentence(t, hold, i18n.language)}
      </p>
      <p className="robot-hold-locked">{t('detail.hold.locked')}</p>
      {asked ? (
        <p className="robot-hold-asked" role="status" data-testid="stop-requested">
          {t('detail.hold.stopRequested')}
        </p>
      ) : (
        hint && <p className="muted">{hint}</p>
      )}
      {hold.here && hold.canStop && !asked && (
        <div className="actions">
          <button type="button" className="stop-robot" disabled={stop.isPending} onClick={() => stop.mutate()}>
            {stop.isPending ? t('detail.hold.stopping') : t('detail.hold.stop')}
          </button>
        </div>
      )}
      <StopError error={stop.error} refusal={refusal} />
    </section>
  );
}

function StopError({ error, refusal }: { error: unknown; refusal: StopRefusal | null }) {
  const { t } = useTranslation();
  if (!refusal) return <ErrorMessage error={error} />;
  return (
    <p className="error" role="alert" data-testid="stop-refused">
      {t(`detail.hold.refused.${refusal}`)}
    </p>
  );
}
