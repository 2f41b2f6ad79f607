import type { CloudSandbox } from '../cloud/server';
import type { EcforceSandbox } from '../ecforce/server';

/** Statuses of a LOC request the robot still has to work on. */
const openLocStatuses: ReadonlySet<string> = new Set(['new', 'queued', 'failed_retryable']);
const CART_STATUS = { active: '有効', paused: '停止', stopped: '停止', cancelled: 'キャンセル' } as const;

/**
 * The demo cloud arrives with a backlog of cross-sell requests from its own members. So that
 * the robot can work them as it would in a shop, the cart gets those members' ecforce customers
 * (and their subscriptions) unless it has the customer number already. Returns how many
 * customers were added.
 */
export function mirrorBacklogIntoCart(cloud: CloudSandbox, ecforce: EcforceSandbox): number {
  const store = cloud.store;
  const waiting = new Set(
    [...store.locRequests.values()].filter((r) => r.kind === 'crosssell' && openLocStatuses.has(r.status)).map((r) => r.memberId),
  );
  const customers = [...store.cartCustomers.values()].filter(
    (c) => c.cart === 'ecforce' && waiting.has(c.memberId) && /^\d{1,13}$/.test(c.customerNumber) && !ecforce.store.customerByNumber(c.customerNumber),
  );
  const known = new Set([...ecforce.store.products.values()].map((p) => p.code));
  const subscriptions = [...store.subscriptions.values()].filter((s) => known.has(s.productCode));
  ecforce.seed({
    customers: customers.map((c) => ({
      number: c.customerNumber,
      name: c.name ?? store.members.get(c.memberId)?.displayName ?? '名前未登録',
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
    })),
    subscriptions: customers.flatMap((c) =>
      subscriptions
        .filter((s) => s.cartCustomerId === c.id)
        .map((s) => ({ customerNumber: c.customerNumber, productCode: s.productCode, status: CART_STATUS[s.status], orderCount: Math.max(1, s.continuationCount) })),
    ),
  });
  return customers.length;
}
