import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { useApi, useCoreEvent } from '../api/context';
import { useConnectionState } from '../api/use-connection';
import { formatCount, formatTokyoTime } from '../format';
import { ErrorMessage } from '../components/ErrorMessage';

export function SyncStatusPanel() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const connection = useConnectionState();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [syncing, setSyncing] = useState(false);

  const refresh = useCallback(async () => {
    try {
      setStatus(await api.call('sync.status', {}));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [api]);

  // Events missed while disconnected are not replayed, so every (re)connection reloads.
  useEffect(() => {
    if (connection === 'open') void refresh();
  }, [connection, refresh]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useCoreEvent('sync.completed', () => void refresh());
  useCoreEvent('sync.failed', () => void refresh());

  async function syncNow() {
    setSyncing(true);
    try {
      await api.call('sync.now', {});
      setError(null);
    } catch (e) {
      setError(e);
    } finally {
      setSyncing(false);
      await refresh();
    }
  }

  const lng = i18n.language;
  return (
    <section className="panel" aria-labelledby="sync-title">
      <header className="panel-header">
        <h2 id="sync-title">{t('sync.title')}</h2>
        <button type="button" onClick={() => void syncNow()} disabled={syncing || status?.running}>
          {syncing || status?.running ? t('sync.running') : t('sync.syncNow')}
        </button>
      </header>
      <ErrorMessage error={error} />
      {status && (
        <dl className="facts">
          <dt>{t('sync.cursor')}</dt>
          <dd>{formatCount(status.cursor, lng)}</dd>
          <dt>{t('sync.lag')}</dt>
          <dd>{formatCount(status.lag, lng)}</dd>
          <dt>{t('sync.pending')}</dt>
          <dd>{formatCount(status.pending, lng)}</dd>
          <dt>{t('sync.lastPullAt')}</dt>
          <dd>{status.lastPullAt ? formatTokyoTime(status.lastPullAt, lng) : t('sync.never')}</dd>
          <dt>{t('sync.lastError')}</dt>
          <dd className={status.lastError ? 'error' : undefined}>{status.lastError ?? t('sync.noError')}</dd>
        </dl>
      )}
      {status && status.rejected.length > 0 && <p className="warning">{t('sync.rejected', { count: status.rejected.length })}</p>}
      {status && status.quarantined.length > 0 && (
        <p className="warning">{t('sync.quarantined', { count: status.quarantined.length })}</p>
      )}
    </section>
  );
}
