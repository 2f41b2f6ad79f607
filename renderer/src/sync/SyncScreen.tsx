import { QuarantinedChanges } from './QuarantinedChanges';
import { RejectedOperations } from './RejectedOperations';
import { SyncStatusPanel } from './SyncStatusPanel';
import { useSyncStatus } from './use-sync-status';
import './sync.css';

/** Sync status: last sync, lag, the outbox, rejected operations and quarantined changes. */
export function SyncScreen() {
  const status = useSyncStatus();
  return (
    <div className="sync-screen">
      <SyncStatusPanel status={status.data} error={status.error} />
      <RejectedOperations operations={status.data?.rejected ?? []} />
      <QuarantinedChanges changes={status.data?.quarantined ?? []} />
    </div>
  );
}
