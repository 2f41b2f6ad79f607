import os from 'node:os';
import { v4 as uuidv4 } from 'uuid';
import type { Db } from '../db/open';
import { readSyncState, writeSyncState } from '../sync/sync-state';

/**
 * This workstation's name on cloud leases: the host name for people reading the cloud's
 * records, plus an id kept in the replica so it stays the same across restarts (the cloud
 * hands a restarted robot its own leases back) and differs between two PCs with one name.
 */
export function workstationHolder(db: Db): string {
  let id = readSyncState(db, 'workstation_id');
  if (!id) {
    id = uuidv4();
    writeSyncState(db, 'workstation_id', id);
  }
  return `${os.hostname()}#${id.slice(0, 8)}`;
}
