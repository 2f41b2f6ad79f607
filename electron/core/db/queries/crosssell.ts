import type { completionStatuses } from '../../sync/change-schemas';
import type { Db } from '../open';

type CompletionStatus = (typeof completionStatuses)[number];

export interface MemoWrite {
  field: string;
  text: string;
}

/** A cross-sell config as the replica holds it (server state, arrived through the feed). */
export interface CrosssellConfig {
  id: number;
  name: string;
  cart: string;
  /** The cart login in the SecretStore (`cart-login/<ref>`); the login itself never reaches SQLite. */
  cartLoginRef: string | null;
  productName: string;
  productCode: string;
  kind: 'single' | 'subscription';
  memoWrites: MemoWrite[];
  tagsAdd: number[];
  tagsRemove: number[];
  messageTemplate: string;
  stopRunningSubscriptions: boolean;
  /** Hours after a tap was done in which a repeat tap is not ordered again; null means the default, 24. */
  repeatWindowHours: number | null;
  /** The completion status the robot gives a request of this config it finishes. */
  completionStatus: CompletionStatus;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  cart: string;
  cartLoginRef: string | null;
  productName: string;
  productCode: string;
  kind: 'single' | 'subscription';
  memoWrites: string;
  tagsAdd: string;
  tagsRemove: string;
  messageTemplate: string;
  stopRunningSubscriptions: number;
  repeatWindowHours: number | null;
  completionStatus: CompletionStatus;
  updatedAt: string;
}

const columns = `id, name, cart, cart_login_ref AS cartLoginRef, product_name AS productName, product_code AS productCode,
  kind, memo_writes AS memoWrites, tags_add AS tagsAdd, tags_remove AS tagsRemove, message_template AS messageTemplate,
  stop_running_subscriptions AS stopRunningSubscriptions, repeat_window_hours AS repeatWindowHours,
  completion_status AS completionStatus, updated_at AS updatedAt`;

// The JSON columns are written only by the feed's writer from payloads already validated, so they parse.
function toConfig(row: Row): CrosssellConfig {
  return {
    ...row,
    memoWrites: JSON.parse(row.memoWrites) as MemoWrite[],
    tagsAdd: JSON.parse(row.tagsAdd) as number[],
    tagsRemove: JSON.parse(row.tagsRemove) as number[],
    stopRunningSubscriptions: row.stopRunningSubscriptions !== 0,
  };
}

export function listCrosssellConfigs(db: Db): CrosssellConfig[] {
  return (db.prepare(`SELECT ${columns} FROM crosssell_configs ORDER BY id`).all() as Row[]).map(toConfig);
}

export function getCrosssellConfig(db: Db, id: number): CrosssellConfig | undefined {
  const row = db.prepare(`SELECT ${columns} FROM crosssell_configs WHERE id = ?`).get(id) as Row | undefined;
  return row && toConfig(row);
}

/** Requests the robot or staff may still work on; a config they use must not disappear under them. */
export function countOpenRequestsOfConfig(db: Db, id: number): number {
  return db.prepare(`SELECT count(*) FROM loc_requests WHERE crosssell_config_id = ? AND status <> 'done'`).pluck().get(id) as number;
}
