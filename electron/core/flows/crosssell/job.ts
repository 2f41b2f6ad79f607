import type { Db } from '../../db/open';
import { getCrosssellConfig, type CrosssellConfig } from '../../db/queries/crosssell';
import type { CompletionStatus, RequestRef } from '../../robot/flow';
import { coreReasons } from '../../loc/reasons';
import { RobotError } from '../../robot/robot-error';
import { completionStatuses } from '../../sync/change-schemas';
import type { MemberIdentity } from './same-customer';

/** What a request the robot finishes is completed as when its config names nothing (seed 000 ④). */
export const DEFAULT_COMPLETION_STATUS: CompletionStatus = 'クロスセル受付';

export interface CrosssellJob {
  lineUserId: string;
  /** The member the request is for: the cart's customer must be this person. */
  member: MemberIdentity;
  /** The member's ecforce customer numbers, the one to order for first. */
  customerNumbers: string[];
  config: CrosssellConfig;
  /** The completion status the config finishes its requests with. */
  completionStatus: CompletionStatus;
  /**
   * Whether the replica's product master for the cart holds the config's product code; null when
   * the replica holds no product master for the cart at all, and the cart alone can tell.
   */
  productInMaster: boolean | null;
}

/**
 * Everything a cross-sell needs about one request, read from the replica. What is missing here
 * is a business error: no retry would make a deleted config or an unlinked customer appear.
 */
export function loadCrosssellJob(db: Db, request: RequestRef): CrosssellJob {
  const row = db
    .prepare(
      `SELECT m.line_user_id AS lineUserId, m.name, m.display_name AS displayName, m.phone, r.crosssell_config_id AS configId
       FROM loc_requests r JOIN members m ON m.id = r.member_id WHERE r.id = ?`,
    )
    .get(request.id) as ({ lineUserId: string; configId: number | null } & MemberIdentity) | undefined;
  if (!row) throw new RobotError('business', `LOC 申請 ${request.id} がローカルのデータにありません`, { reason: coreReasons.requestMissingLocally(request.id) });
  const config = row.configId === null ? undefined : getCrosssellConfig(db, row.configId);
  if (!config) throw new RobotError('business', 'この申請のクロスセル設定が見つかりません（削除された可能性があります）。手動で対応してください', { reason: { key: 'crosssellConfigMissing', params: [] } });
  if (config.cart !== 'ecforce') throw new RobotError('business', `カート「${config.cart}」はロボットの対象外です`, { reason: { key: 'cartUnsupported', params: [config.cart] } });
  // The customer whose latest order is newest is the one the member buys as now.
  const customerNumbers = db
    .prepare(
      `SELECT cc.customer_number FROM cart_customers cc
       WHERE cc.member_id = ? AND cc.cart = 'ecforce'
       ORDER BY (SELECT max(o.ordered_at) FROM orders o WHERE o.cart_customer_id = cc.id) DESC NULLS LAST, cc.id DESC`,
    )
    .pluck()
    .all(request.memberId) as string[];
  return {
    lineUserId: row.lineUserId,
    member: { name: row.name, displayName: row.displayName, phone: row.phone },
    customerNumbers,
    config,
    completionStatus: completionStatusOf(config),
    productInMaster: productInMaster(db, config.cart, config.productCode),
  };
}

/** The config's own completion status when it names one of the four, else the default. */
export function completionStatusOf(config: CrosssellConfig & { completionStatus?: string | null }): CompletionStatus {
  const named = completionStatuses.find((status) => status === config.completionStatus);
  return named ?? DEFAULT_COMPLETION_STATUS;
}

function productInMaster(db: Db, cart: string, code: string): boolean | null {
  const known = db.prepare('SELECT code = ? FROM products WHERE cart = ? ORDER BY code = ? DESC LIMIT 1').pluck().get(code, cart, code) as number | undefined;
  return known === undefined ? null : known === 1;
}
