import type { Db } from '../db/open';
import { getCrosssellConfig } from '../db/queries/crosssell';
import type { CrosssellJob } from './crosssell-flow';
import { RobotError } from './robot-error';

export interface LoadedJob extends CrosssellJob {
  memberId: number;
  configName: string;
  cartLoginRef: string | null;
  tagsAdd: number[];
  tagsRemove: number[];
}

interface RequestRow {
  kind: string;
  memberId: number;
  lineUserId: string;
  configId: number | null;
}

/**
 * Everything the flow needs about one request, read from the replica. What is missing here is
 * a business error: no retry would make a deleted config or an unlinked customer appear.
 */
export function loadJob(db: Db, requestId: number): LoadedJob {
  const row = db
    .prepare(
      `SELECT r.kind, r.member_id AS memberId, m.line_user_id AS lineUserId, r.crosssell_config_id AS configId
       FROM loc_requests r JOIN members m ON m.id = r.member_id WHERE r.id = ?`,
    )
    .get(requestId) as RequestRow | undefined;
  if (!row) throw new RobotError('business', `LOC 申請 ${requestId} がローカルのデータにありません`);
  if (row.kind !== 'crosssell') throw new RobotError('business', `LOC 申請 ${requestId} はクロスセルではありません（${row.kind}）`);
  const config = row.configId === null ? undefined : getCrosssellConfig(db, row.configId);
  if (!config) throw new RobotError('business', 'この申請のクロスセル設定が見つかりません（削除された可能性があります）。手動で対応してください');
  if (config.cart !== 'ecforce') throw new RobotError('business', `カート「${config.cart}」はロボットの対象外です`);
  // The customer whose latest order is newest is the one the member buys as now.
  const customerNumbers = db
    .prepare(
      `SELECT cc.customer_number FROM cart_customers cc
       WHERE cc.member_id = ? AND cc.cart = 'ecforce'
       ORDER BY (SELECT max(o.ordered_at) FROM orders o WHERE o.cart_customer_id = cc.id) DESC NULLS LAST, cc.id DESC`,
    )
    .pluck()
    .all(row.memberId) as string[];
  return {
    requestId,
    memberId: row.memberId,
    lineUserId: row.lineUserId,
    customerNumbers,
    configName: config.name,
    cartLoginRef: config.cartLoginRef,
    tagsAdd: config.tagsAdd,
    tagsRemove: config.tagsRemove,
    config,
  };
}
