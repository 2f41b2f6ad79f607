import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { ZoneLabel } from '../components/ShopTime';
import { formatCount, formatTokyoTime } from '../format';
import { badgeText } from './sync-health';

interface Props {
  status: SyncStatus | undefined;
  error: unknown;
}

/** When sync last ran each way, what is still to come and to go, and a button to sync now. */
export function SyncStatusPanel({ status, error }: Props) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const syncNow = useMutation({
    mutationFn: () => api.call('sync.now', {}),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['sync.status'] }),
  });
  const running = syncNow.isPending || status?.running === true;
  const time = (iso: string | null | undefined) => (iso ? formatTokyoTime(iso, lng) : t('syncScreen.never'));
  const count = (n: number) => t('syncScreen.count', { count: formatCount(n, lng) });

  return (
    <section className="panel sync-status" aria-labelledby="sync-title">
      <header className="panel-header">
        <h2 id="sync-title">{t('syncScreen.title')}</h2>
        <button type="button" className="primary" onClick={() => syncNow.mutate()} disabled={running}>
          {running ? t('syncScreen.running') : t('syncScreen.syncNow')}
        </button>
      </header>
      {/* A failed sync says why in its state below; the call's own error would only repeat it less well. */}
      <ErrorMessage error={error ?? (status?.failure ? null : syncNow.error)} />
      {syncNow.isSuccess && (
        <p role="status" className="sync-result">
          {t('syncScreen.result', {
            pushed: formatCount(syncNow.data.pushed, lng),
            rejected: formatCount(syncNow.data.rejected, lng),
            applied: formatCount(syncNow.data.applied, lng),
            quarantined: formatCount(syncNow.data.quarantined, lng),
          })}
        </p>
      )}
      {status && (
        <dl className="facts sync-facts">
          {/* The first time of the block names the zone for both times and the failure's since. */}
          <dt>
            {t('syncScreen.lastPullAt')} <ZoneLabel />
          </dt>
          <dd data-fact="lastPullAt">{time(status.lastPullAt)}</dd>
          <dt>{t('syncScreen.lastPushAt')}</dt>
          <dd data-fact="lastPushAt">{time(status.lastPushAt)}</dd>
          <dt>{t('syncScreen.lag')}</dt>
          <dd data-fact="lag">{count(status.lag)}</dd>
          <dt>{t('syncScreen.pending')}</dt>
          <dd data-fact="pending" className={status.pending > 0 ? 'warning' : undefined}>
            {count(status.pending)}
          </dd>
          <dt>{t('syncScreen.lastError')}</dt>
          <dd data-fact="lastError" className={status.failure ? 'error' : undefined} role={status.failure ? 'alert' : undefined}>
            <SyncState status={status} />
          </dd>
        </dl>
      )}
    </section>
  );
}

/** What the sync's state is in the shop's words: what happened, what to do, since when. */
function SyncState({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  if (!status.failure) return <>{badgeText(t, status, i18n.language)}</>;
  const since = formatTokyoTime(status.failure.since, i18n.language);
  return (
    <>
      {t('syncScreen.failureState', {
        phase: t(`syncScreen.phase.${status.failure.phase}`),
        what: t(`syncScreen.failure.${status.failure.kind}`),
        when: status.lastPullAt === null ? t('syncScreen.neverSucceeded') : t('syncScreen.failingSince', { since }),
      })}
    </>
  );
}
