import type { Db } from '../db/open';
import type { CrosssellJob } from './crosssell-flow';
import { RobotError } from './robot-error';

export interface LoadedJob extends CrosssellJob {
  memberId: number;
  configName: string;
  cartLoginRef: string | null;
  tagsAdd: number[];
  tagsRemove: number[];
}

interface JobRow {
  requestId: number;
  kind: string;
  memberId: number;
  lineUserId: string;
  configId: number | null;
  configName: string | null;
  cart: string | null;
  cartLoginRef: string | null;
  productName: string | null;
  productCode: string | null;
  memoWrites: string | null;
  tagsAdd: string | null;
  tagsRemove: string | null;
  messageTemplate: string | null;
  stopRunningSubscriptions: number | null;
}

/**
 * Everything the flow needs about one request, read from the replica. What is missing here is
 * a business error: no retry would make a deleted config or an unlinked customer appear.
 */
export function loadJob(db: Db, requestId: number): LoadedJob {
  const row = db
    .prepare(
      `SELECT r.id AS requestId, r.kind, r.member_id AS memberId, m.line_user_id AS lineUserId,
              c.id AS configId, c.name AS configName, c.cart, c.cart_login_ref AS cartLoginRef,
              c.product_name AS productName, c.product_code AS productCode, c.memo_writes AS memoWrites,
              c.tags_add AS tagsAdd, c.tags_remove AS tagsRemove, c.message_template AS messageTemplate,
              c.stop_running_subscriptions AS stopRunningSubscriptions
       FROM loc_requests r JOIN members m ON m.id = r.member_id
       LEFT JOIN crosssell_configs c ON c.id = r.crosssell_config_id
       WHERE r.id = ?`,
    )
    .get(requestId) as JobRow | undefined;
  if (!row) throw new RobotError('business', `LOC 申請 ${requestId} がローカルのデータにありません`);
  if (row.kind !== 'crosssell') throw new RobotError('business', `LOC 申請 ${requestId} はクロスセルではありません（${row.kind}）`);
  if (row.configId === null || row.productName === null || row.productCode === null) {
    throw new RobotError('business', 'この申請のクロスセル設定が見つかりません（削除された可能性があります）。手動で対応してください');
  }
  if (row.cart !== 'ecforce') throw new RobotError('business', `カート「${row.cart}」はロボットの対象外です`);
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
    configName: row.configName ?? '',
    cartLoginRef: row.cartLoginRef,
    tagsAdd: JSON.parse(row.tagsAdd ?? '[]') as number[],
    tagsRemove: JSON.parse(row.tagsRemove ?? '[]') as number[],
    config: {
      id: row.configId,
      productName: row.productName,
      productCode: row.productCode,
      memoWrites: JSON.parse(row.memoWrites ?? '[]') as Array<{ field: string; text: string }>,
      messageTemplate: row.messageTemplate ?? '',
      stopRunningSubscriptions: row.stopRunningSubscriptions === 1,
    },
  };
}
