import { describe, expect, it } from 'vitest';
import { groupOrders } from './group-orders';
import type { MemberOrder } from './member-types';

const order = (id: number, parentOrderId: number | null): MemberOrder => ({
  id,
  cartCustomerId: 1,
  orderNumber: `O-${id}`,
  parentOrderId,
  subscriptionId: null,
  status: 'shipped',
  total: 1000,
  orderedAt: '2026-11-01T00:00:00.000Z',
  items: [],
});

const shape = (orders: MemberOrder[]) => groupOrders(orders).map((g) => [g.order.id, g.children.map((c) => c.id)]);

describe('groupOrders', () => {
  it('puts child orders under their parent, keeping the given order', () => {
    expect(shape([order(4, 1), order(3, null), order(2, 1), order(1, null)])).toEqual([
      [3, []],
      [1, [4, 2]],
    ]);
  });

  it('lists a child whose parent is not in the replica on its own', () => {
    expect(shape([order(5, 99), order(1, null)])).toEqual([
      [5, []],
      [1, []],
    ]);
  });
});
