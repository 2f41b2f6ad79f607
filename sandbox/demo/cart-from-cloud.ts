import type { CloudSandbox } from '../cloud/server';
import type { EcforceSandbox } from '../ecforce/server';

const CART_STATUS = { active: '有効', paused: '停止', stopped: '停止', cancelled: 'キャンセル' } as const;

/**
 * The demo shop's people are invented once, by the cloud's seed; the cart is filled from it. A
 * cart with customers of its own would give one customer number two different people: the cloud's
 * 佐藤 恵子 would be the cart's 中村 葵, and the robot would order, and LINE would greet, under
 * the cart's name. So the cart (started without its own customers) gets the cloud's product
 * master and every ecforce cart customer the cloud knows, under the same number with the same
 * name, kana, phone and e-mail, and their subscriptions. Returns how many customers it added.
 */
export function fillCartFromCloud(cloud: CloudSandbox, ecforce: EcforceSandbox): number {
  const store = cloud.store;
  const cart = ecforce.store;
  const knownCodes = new Set([...cart.products.values()].map((p) => p.code));
  const products = [...store.products.values()].filter((p) => p.cart === 'ecforce' && !knownCodes.has(p.code));
  ecforce.seed({
    products: products.map((p) => ({ code: p.code, name: p.name, kind: p.kind === 'subscription' ? '定期' : '単品', price: p.price })),
  });

  const inCart = new Set([...cart.customers.values()].map((c) => c.number));
  const customers = [...store.cartCustomers.values()]
    .filter((c) => c.cart === 'ecforce' && /^\d{1,13}$/.test(c.customerNumber) && !inCart.has(c.customerNumber))
    .sort((a, b) => a.id - b.id);
  const codes = new Set([...cart.products.values()].map((p) => p.code));
  const subscriptionsOf = new Map<number, Array<{ productCode: string; status: (typeof CART_STATUS)[keyof typeof CART_STATUS]; orderCount: number; courseName?: string }>>();
  for (const s of store.subscriptions.values()) {
    if (!codes.has(s.productCode)) continue;
    const list = subscriptionsOf.get(s.cartCustomerId) ?? [];
    list.push({ productCode: s.productCode, status: CART_STATUS[s.status], orderCount: Math.max(1, s.continuationCount), ...(s.courseName ? { courseName: s.courseName } : {}) });
    subscriptionsOf.set(s.cartCustomerId, list);
  }
  ecforce.seed({
    customers: customers.map((c) => {
      const member = store.members.get(c.memberId);
      return {
        number: c.customerNumber,
        name: c.name ?? member?.name ?? member?.displayName ?? '名前未登録',
        // The cloud keeps kana on the member only; it is the cart customer's when the names are one.
        ...(member?.nameKana && member.name === c.name ? { kana: member.nameKana } : {}),
        ...(c.phone ? { phone: c.phone } : {}),
        ...(c.email ? { email: c.email } : {}),
      };
    }),
    subscriptions: customers.flatMap((c) => (subscriptionsOf.get(c.id) ?? []).map((s) => ({ customerNumber: c.customerNumber, ...s }))),
  });
  return customers.length;
}
