import { lineRetryKey } from '../../electron/core/line/retry-key';

/** The purpose the robot derives its completion message's retry key from, with the request's uid. */
export const COMPLETION_PURPOSE = 'crosssell-completion';

/**
 * What the sandboxes' inspection endpoints say the robot did, counted independently of the
 * robot's own records: orders carrying each request's marker (`TANTO:<uid>`) in the cart,
 * completion messages LINE delivered under each request's retry key, and the request's status
 * and result in the cloud.
 */
export interface CrosssellLedger {
  requests: number;
  done: number;
  needsManual: number;
  orders: number;
  /** Per request: orders beyond the first carrying its marker. */
  duplicateOrders: number;
  messages: number;
  /** Per request: deliveries beyond the first. */
  duplicateMessages: number;
  /**
   * Per customer and config: over the requests of one member for one config, the orders beyond the
   * first carrying any of their markers. A repeat tap that was ordered again counts here even though
   * each request has one order of its own.
   */
  duplicateOrdersPerCustomer: number;
  /** Likewise for LINE deliveries to the member for that config's requests. */
  duplicateMessagesPerCustomer: number;
  /** Requests the robot ended as repeat taps: its result message starts with 重複. */
  duplicates: number;
  perRequest: Map<number, { uid: string; status: string; orders: number; messages: number; reason: string | null }>;
}

export type CrosssellTotals = Omit<CrosssellLedger, 'perRequest'>;

export interface LedgerEndpoints {
  cloud: { url: string; token: string };
  ecforceUrl: string;
  lineUrl: string;
}

interface InspectedRequest {
  id: number;
  uid: string;
  memberId: number;
  crosssellConfigId: number | null;
  lineUserId: string | null;
  status: string;
  robotResult: { message: string | null } | null;
}
interface CloudInspection {
  locRequests: InspectedRequest[];
}
interface EcforceInspection {
  orders: Array<{ id: number; memo: string }>;
}
interface LineInspection {
  delivered: Array<{ to: string; retryKey: string | null }>;
}

/** A uid has a fixed length, so `TANTO:<uid>` can never be mistaken for the start of a longer marker. */
const MARKER = /TANTO:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/** The robot words a repeat tap's result 重複…; staff may see it quoted as 「重複」. */
const isRepeatTap = (message: string | null | undefined) => /^\s*「?重複/.test(message ?? '');

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** `requestIds` limits the count to those requests (default: every request in the cloud). */
export async function crosssellLedger(endpoints: LedgerEndpoints, requestIds?: readonly number[], purpose = COMPLETION_PURPOSE): Promise<CrosssellLedger> {
  const [cloud, cart, line] = await Promise.all([
    getJson<CloudInspection>(`${endpoints.cloud.url}/_sandbox/inspect`, endpoints.cloud.token),
    getJson<EcforceInspection>(`${endpoints.ecforceUrl}/_sandbox/inspect`),
    getJson<LineInspection>(`${endpoints.lineUrl}/_sandbox/inspect`),
  ]);
  const wantedIds = new Set(requestIds ?? cloud.locRequests.map((r) => r.id));
  const wanted = cloud.locRequests.filter((r) => wantedIds.has(r.id));

  const ordersByUid = new Map<string, Set<number>>();
  for (const order of cart.orders) {
    for (const match of order.memo.matchAll(MARKER)) {
      const uid = match[1]!.toLowerCase();
      let orders = ordersByUid.get(uid);
      if (!orders) ordersByUid.set(uid, (orders = new Set()));
      orders.add(order.id);
    }
  }
  // A delivery counts for the request whose key it carries; one to a requester under no
  // request's key (a retry with a fresh key, say) counts against each of that user's requests.
  const requestByKey = new Map(cloud.locRequests.map((r) => [lineRetryKey(r.uid, purpose), r.id]));
  const keyedDeliveries = new Map<number, number[]>();
  const strayByUser = new Map<string, number[]>();
  line.delivered.forEach((message, index) => {
    const id = message.retryKey ? requestByKey.get(message.retryKey) : undefined;
    if (id !== undefined) keyedDeliveries.set(id, [...(keyedDeliveries.get(id) ?? []), index]);
    else strayByUser.set(message.to, [...(strayByUser.get(message.to) ?? []), index]);
  });
  const deliveriesOf = (request: InspectedRequest) => [
    ...(keyedDeliveries.get(request.id) ?? []),
    ...(request.lineUserId ? (strayByUser.get(request.lineUserId) ?? []) : []),
  ];

  const ledger: CrosssellLedger = {
    requests: 0,
    done: 0,
    needsManual: 0,
    orders: 0,
    duplicateOrders: 0,
    messages: 0,
    duplicateMessages: 0,
    duplicateOrdersPerCustomer: 0,
    duplicateMessagesPerCustomer: 0,
    duplicates: 0,
    perRequest: new Map(),
  };
  for (const request of wanted) {
    const orders = ordersByUid.get(request.uid.toLowerCase())?.size ?? 0;
    const messages = deliveriesOf(request).length;
    ledger.requests += 1;
    if (request.status === 'done') ledger.done += 1;
    if (request.status === 'needs_manual') ledger.needsManual += 1;
    if (isRepeatTap(request.robotResult?.message)) ledger.duplicates += 1;
    ledger.orders += orders;
    ledger.duplicateOrders += Math.max(0, orders - 1);
    ledger.messages += messages;
    ledger.duplicateMessages += Math.max(0, messages - 1);
    ledger.perRequest.set(request.id, { uid: request.uid, status: request.status, orders, messages, reason: request.robotResult?.message ?? null });
  }

  const byCustomer = new Map<string, InspectedRequest[]>();
  for (const request of wanted) {
    const key = `${request.memberId}:${request.crosssellConfigId ?? '-'}`;
    byCustomer.set(key, [...(byCustomer.get(key) ?? []), request]);
  }
  for (const requests of byCustomer.values()) {
    const orders = new Set(requests.flatMap((r) => [...(ordersByUid.get(r.uid.toLowerCase()) ?? [])]));
    const deliveries = new Set(requests.flatMap(deliveriesOf));
    ledger.duplicateOrdersPerCustomer += Math.max(0, orders.size - 1);
    ledger.duplicateMessagesPerCustomer += Math.max(0, deliveries.size - 1);
  }
  return ledger;
}
