import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatCount, formatTokyoTime } from '../format';

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
      <ErrorMessage error={error ?? syncNow.error} />
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
          <dt>{t('syncScreen.lastPullAt')}</dt>
          <dd data-fact="lastPullAt">{time(status.lastPullAt)}</dd>
          <dt>{t('syncScreen.lastPushAt')}</dt>
          <dd data-fact="lastPushAt">{time(status.lastPushAt)}</dd>
          <dt>{t('syncScreen.lag')}</dt>
          <dd data-fact="lag">{count(status.lag)}</dd>
          <dt>{t('syncScreen.pending')}</dt>
          <dd data-fact="pending" className={status.pending > 0 ? 'warning' : undefined}>
            {count(status.pending)}
          </dd>
          <dt>{t('syncScreen.cursor')}</dt>
          <dd data-fact="cursor">{formatCount(status.cursor, lng)}</dd>
          <dt>{t('syncScreen.lastError')}</dt>
          <dd data-fact="lastError" className={status.lastError ? 'error' : undefined}>
            {status.lastError ?? t('syncScreen.noError')}
          </dd>
        </dl>
      )}
    </section>
  );
}
