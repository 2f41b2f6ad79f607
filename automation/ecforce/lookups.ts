import type { CartOrderRef } from '../cart-driver';
import { applicationError, businessError, messages, pageDetails, screenOf } from './errors';
import { memoHasMarker } from './marker';
import { NotFoundSignal, type ScreenDeps } from './pages/admin-screen';
import { OrderDetailPage } from './pages/order-detail-page';
import { OrderListPage } from './pages/order-list-page';
import { SubscriptionDetailPage } from './pages/subscription-detail-page';
import { SubscriptionListPage } from './pages/subscription-list-page';
import type { ScreenMemory } from './pages/screen-memory';

const MAX_MARKER_CANDIDATES = 10;

/**
 * How the driver finds the records it works on. Orders and subscriptions it has seen in this
 * session are opened straight by their ID and checked to be the one asked for; the others are
 * found through their list's search, as staff would.
 */
export class Lookups {
  constructor(
    private readonly memory: ScreenMemory,
    private readonly log: (line: string) => void,
  ) {}

  /** The customer's order whose 受注備考欄 carries the marker (the oldest, when there are several). */
  async orderByMarker(d: ScreenDeps, customerNumber: string, marker: string): Promise<CartOrderRef | null> {
    const list = new OrderListPage(d);
    await list.search({ customerNumber, memo: marker });
    const candidates = (await list.allRows()).filter((row) => row.customerNumber === customerNumber);
    if (candidates.length > MAX_MARKER_CANDIDATES) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('orderList'), pageDetails.tooManyMarked(marker, candidates.length)));
    }
    const found: CartOrderRef[] = [];
    for (const candidate of candidates) {
      const detail = await list.openDetail(candidate.orderId);
      if (!memoHasMarker(await detail.memo(), marker)) continue;
      const facts = await detail.orderFacts();
      found.push({ orderNumber: facts.orderNumber, orderId: facts.orderId, subscriptionNumber: facts.subscriptionNumber });
    }
    found.sort((a, b) => Number(a.orderId) - Number(b.orderId));
    if (found.length > 1) this.log(`ecforce: 目印 ${marker} の受注が ${found.length} 件あります（最初の受注を使います）`);
    const first = found[0] ?? null;
    if (first) this.rememberOrder(first);
    return first;
  }

  rememberOrder(order: CartOrderRef): void {
    if (order.orderId) this.memory.orderIds.set(order.orderNumber, order.orderId);
  }

  rememberSubscription(number: string, id: string): void {
    this.memory.subscriptionIds.set(number, id);
  }

  /** The 受注詳細 of the order with this 受注番号. */
  async order(d: ScreenDeps, orderNumber: string): Promise<OrderDetailPage> {
    const id = this.memory.orderIds.get(orderNumber);
    if (id) {
      const detail = new OrderDetailPage(d);
      if ((await opened(() => detail.open(id))) && (await detail.orderFacts()).orderNumber === orderNumber) return detail;
      this.memory.orderIds.delete(orderNumber);
    }
    const list = new OrderListPage(d);
    await list.search({ orderNumber });
    const rows = (await list.allRows()).filter((row) => row.orderNumber === orderNumber);
    const row = rows[0];
    if (!row) throw businessError('order_not_found', messages.orderNotFound(orderNumber));
    if (rows.length > 1) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('orderList'), pageDetails.orderNumberTwice(orderNumber)));
    this.memory.orderIds.set(orderNumber, row.orderId);
    return list.openDetail(row.orderId);
  }

  /** The 定期受注詳細 of the subscription with this 定期受注番号. */
  async subscription(d: ScreenDeps, subscriptionNumber: string): Promise<SubscriptionDetailPage> {
    const id = this.memory.subscriptionIds.get(subscriptionNumber);
    if (id) {
      const detail = new SubscriptionDetailPage(d);
      if ((await opened(() => detail.open(id))) && (await detail.subscriptionFacts()).number === subscriptionNumber) return detail;
      this.memory.subscriptionIds.delete(subscriptionNumber);
    }
    const list = new SubscriptionListPage(d);
    await list.search({ number: subscriptionNumber });
    const rows = (await list.allRows()).filter((row) => row.number === subscriptionNumber);
    const row = rows[0];
    if (!row) throw businessError('subscription_not_found', messages.subscriptionNumberNotFound(subscriptionNumber));
    if (rows.length > 1) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('subscriptionList'), pageDetails.subscriptionNumberTwice(subscriptionNumber)));
    }
    const detail = await list.openDetail(row.id);
    const { number } = await detail.subscriptionFacts();
    if (number !== subscriptionNumber) {
      throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('subscriptionDetail'), pageDetails.subscriptionNumberDiffers(number)));
    }
    this.memory.subscriptionIds.set(subscriptionNumber, row.id);
    return detail;
  }
}

/** False when the remembered record is gone (404); the caller then searches for it. */
async function opened(open: () => Promise<void>): Promise<boolean> {
  try {
    await open();
    return true;
  } catch (error) {
    if (error instanceof NotFoundSignal) return false;
    throw error;
  }
}
