import { SyncStatusPanel } from './SyncStatusPanel';

/** Sync status: last sync, lag, the outbox, rejected operations and quarantined changes. */
export function SyncScreen() {
  return <SyncStatusPanel />;
}
