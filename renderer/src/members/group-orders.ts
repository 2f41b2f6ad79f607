import type { MemberOrder } from './member-types';

/**
 * Child orders (the cart's follow-up orders of a subscription or a split shipment) are listed
 * right under their parent; a child whose parent is not in the replica stands on its own.
 */
export function groupOrders(orders: MemberOrder[]): Array<{ order: MemberOrder; children: MemberOrder[] }> {
  const ids = new Set(orders.map((o) => o.id));
  const children = new Map<number, MemberOrder[]>();
  for (const o of orders) {
    if (o.parentOrderId !== null && ids.has(o.parentOrderId)) {
      const list = children.get(o.parentOrderId) ?? [];
      list.push(o);
      children.set(o.parentOrderId, list);
    }
  }
  return orders
    .filter((o) => o.parentOrderId === null || !ids.has(o.parentOrderId))
    .map((order) => ({ order, children: children.get(order.id) ?? [] }));
}
