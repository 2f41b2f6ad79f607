import { lineRetryKey } from '../../electron/core/line/retry-key';

/**
 * What the sandboxes' inspection endpoints say the robot did, counted independently of the
 * robot's own records: orders carrying each request's marker in the cart, completion messages
 * LINE delivered for each request, and the request's status in the cloud.
 */
export interface CrosssellLedger {
  requests: number;
  done: number;
  needsManual: number;
  orders: number;
  duplicateOrders: number;
  messages: number;
  duplicateMessages: number;
  perRequest: Map<number, { status: string; orders: number; messages: number; reason: string | null }>;
}

export interface LedgerEndpoints {
  cloud: { url: string; token: string };
  ecforceUrl: string;
  lineUrl: string;
}

interface CloudInspection {
  locRequests: Array<{ id: number; lineUserId: string | null; status: string; robotResult: { message: string | null } | null }>;
}
interface EcforceInspection {
  orders: Array<{ memo: string }>;
}
interface LineInspection {
  delivered: Array<{ to: string; retryKey: string | null }>;
}

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** `requestIds` limits the count to those requests (default: every cross-sell request in the cloud). */
export async function crosssellLedger(endpoints: LedgerEndpoints, requestIds?: readonly number[], purpose = 'crosssell-completion'): Promise<CrosssellLedger> {
  const [cloud, cart, line] = await Promise.all([
    getJson<CloudInspection>(`${endpoints.cloud.url}/_sandbox/inspect`, endpoints.cloud.token),
    getJson<EcforceInspection>(`${endpoints.ecforceUrl}/_sandbox/inspect`),
    getJson<LineInspection>(`${endpoints.lineUrl}/_sandbox/inspect`),
  ]);
  const wanted = new Set(requestIds ?? cloud.locRequests.map((r) => r.id));
  const ordersByRequest = new Map<number, number>();
  for (const order of cart.orders) {
    // A marker is TANTO:<id> followed by anything but another digit.
    for (const match of order.memo.matchAll(/TANTO:(\d+)(?!\d)/g)) {
      const id = Number(match[1]);
      ordersByRequest.set(id, (ordersByRequest.get(id) ?? 0) + 1);
    }
  }
  // A delivery counts for the request whose key it carries; one to a requester under no
  // request's key (a retry with a fresh key, say) counts against each of that user's requests.
  const expectedKeys = new Map(cloud.locRequests.map((r) => [lineRetryKey(r.id, purpose), r.id]));
  const keyCount = new Map<number, number>();
  const strayByUser = new Map<string, number>();
  for (const message of line.delivered) {
    const id = message.retryKey ? expectedKeys.get(message.retryKey) : undefined;
    if (id !== undefined) keyCount.set(id, (keyCount.get(id) ?? 0) + 1);
    else strayByUser.set(message.to, (strayByUser.get(message.to) ?? 0) + 1);
  }

  const ledger: CrosssellLedger = { requests: 0, done: 0, needsManual: 0, orders: 0, duplicateOrders: 0, messages: 0, duplicateMessages: 0, perRequest: new Map() };
  for (const request of cloud.locRequests) {
    if (!wanted.has(request.id)) continue;
    const orders = ordersByRequest.get(request.id) ?? 0;
    const messages = (keyCount.get(request.id) ?? 0) + (request.lineUserId ? (strayByUser.get(request.lineUserId) ?? 0) : 0);
    ledger.requests += 1;
    if (request.status === 'done') ledger.done += 1;
    if (request.status === 'needs_manual') ledger.needsManual += 1;
    ledger.orders += orders;
    ledger.duplicateOrders += Math.max(0, orders - 1);
    ledger.messages += messages;
    ledger.duplicateMessages += Math.max(0, messages - 1);
    ledger.perRequest.set(request.id, { status: request.status, orders, messages, reason: request.robotResult?.message ?? null });
  }
  return ledger;
}
