import { z } from 'zod';
import { PAYMENT_METHODS, type Customer, type Order, type Product, type Subscription } from './model';
import type { EcforceStore } from './store';

/** What a test may add through POST /_sandbox/seed or the handle's seed(). */
export const seedInputSchema = z
  .object({
    products: z
      .array(z.object({ code: z.string().min(1), name: z.string().min(1), kind: z.enum(['単品', '定期']), price: z.number().int().min(0) }).strict())
      .optional(),
    customers: z
      .array(
        z
          .object({
            number: z.string().regex(/^\d{1,13}$/).optional(),
            name: z.string().min(1),
            kana: z.string().optional(),
            phone: z.string().optional(),
            email: z.string().optional(),
            postalCode: z.string().optional(),
            address: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    subscriptions: z
      .array(
        z
          .object({
            customerNumber: z.string(),
            productCode: z.string(),
            status: z.enum(['有効', '停止', 'キャンセル']).optional(),
            orderCount: z.number().int().min(0).optional(),
            courseName: z.string().optional(),
            quantity: z.number().int().min(1).optional(),
            memo: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
    orders: z
      .array(
        z
          .object({
            customerNumber: z.string(),
            productCode: z.string(),
            quantity: z.number().int().min(1).max(99).optional(),
            paymentMethod: z.enum(PAYMENT_METHODS).optional(),
            memo: z.string().optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type SeedInput = z.infer<typeof seedInputSchema>;

export interface SeedResult {
  products: Product[];
  customers: Customer[];
  subscriptions: Subscription[];
  orders: Order[];
}

export class SeedError extends Error {}

/** Adds the given rows in order (products, customers, subscriptions, orders); all or nothing is not promised. */
export function applySeed(store: EcforceStore, input: SeedInput, now: Date): SeedResult {
  // One index for the batch: the demo seeds thousands of customers, and a lookup per row by
  // scanning every customer would make seeding quadratic.
  const byNumber = new Map([...store.customers.values()].map((c) => [c.number, c]));
  const customerOf = (number: string) => {
    const customer = byNumber.get(number);
    if (!customer) throw new SeedError(`unknown customer number ${number}`);
    return customer;
  };
  const productOf = (code: string) => {
    const product = store.productByCode(code);
    if (!product) throw new SeedError(`unknown product code ${code}`);
    return product;
  };
  const result: SeedResult = { products: [], customers: [], subscriptions: [], orders: [] };
  for (const p of input.products ?? []) {
    if (store.productByCode(p.code)) throw new SeedError(`product code ${p.code} already exists`);
    result.products.push(store.addProduct(p));
  }
  for (const c of input.customers ?? []) {
    if (c.number !== undefined && byNumber.has(c.number)) throw new SeedError(`customer number ${c.number} already exists`);
    const added = store.addCustomer({
      ...(c.number === undefined ? {} : { number: c.number }),
      name: c.name,
      kana: c.kana ?? '',
      phone: c.phone ?? '',
      email: c.email ?? '',
      postalCode: c.postalCode ?? '100-0001',
      address: c.address ?? '東京都千代田区千代田1-1',
      status: '会員',
    });
    byNumber.set(added.number, added);
    result.customers.push(added);
  }
  for (const s of input.subscriptions ?? []) {
    const product = productOf(s.productCode);
    result.subscriptions.push(
      store.addSubscription({
        customerId: customerOf(s.customerNumber).id,
        product,
        ...(s.quantity === undefined ? {} : { quantity: s.quantity }),
        courseName: s.courseName ?? '毎月お届けコース',
        orderCount: s.orderCount ?? 1,
        status: s.status ?? '有効',
        nextDeliveryOn: new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
        createdAt: now,
        memo: s.memo ?? '',
      }),
    );
  }
  for (const o of input.orders ?? []) {
    result.orders.push(
      store.addOrder({
        customerId: customerOf(o.customerNumber).id,
        items: [{ product: productOf(o.productCode), quantity: o.quantity ?? 1 }],
        paymentMethod: o.paymentMethod ?? '代金引換',
        memo: o.memo ?? '',
        createdAt: now,
        createdBy: null,
      }),
    );
  }
  return result;
}
