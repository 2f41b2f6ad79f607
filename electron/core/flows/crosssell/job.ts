import type { Db } from '../../db/open';
import { getCrosssellConfig, type CrosssellConfig } from '../../db/queries/crosssell';
import type { RequestRef } from '../../robot/flow';
import { RobotError } from '../../robot/robot-error';

export interface CrosssellJob {
  lineUserId: string;
  /** The member's ecforce customer numbers, the one to order for first. */
  customerNumbers: string[];
  config: CrosssellConfig;
}

/**
 * Everything a cross-sell needs about one request, read from the replica. What is missing here
 * is a business error: no retry would make a deleted config or an unlinked customer appear.
 */
export function loadCrosssellJob(db: Db, request: RequestRef): CrosssellJob {
  const row = db
    .prepare(
      `SELECT m.line_user_id AS lineUserId, r.crosssell_config_id AS configId
       FROM loc_requests r JOIN members m ON m.id = r.member_id WHERE r.id = ?`,
    )
    .get(request.id) as { lineUserId: string; configId: number | null } | undefined;
  if (!row) throw new RobotError('business', `LOC 申請 ${request.id} がローカルのデータにありません`);
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
    .all(request.memberId) as string[];
  return { lineUserId: row.lineUserId, customerNumbers, config };
}
