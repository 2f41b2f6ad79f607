import { PAYMENT_METHODS, type Customer, type PaymentMethod, type Product } from '../model';
import { DELIVERY_TIMES, deliveryDates, type OrderFormValues } from '../views/order-form';
import type { AdminRequest } from './route';

export type OrderInput =
  | { ok: true; customer: Customer; product: Product; quantity: number; paymentMethod: PaymentMethod; values: OrderFormValues }
  | { ok: false; customer: Customer | undefined; product: Product | undefined; values: OrderFormValues; errors: string[] };

/** Reads and checks the order fields, the same way for the confirmation and for 確定. */
export function readOrderInput(req: AdminRequest): OrderInput {
  const field = (name: string) => req.form.get(`order[${name}]`) ?? '';
  const values: OrderFormValues = {
    quantity: field('quantity'),
    paymentMethod: field('payment_method'),
    deliveryDate: field('delivery_date'),
    deliveryTime: field('delivery_time') || '指定なし',
    memo: field('memo').replaceAll('\r\n', '\n'),
  };
  const customer = req.state.store.customers.get(Number(field('customer_id')));
  const product = req.state.store.products.get(Number(field('product_id')));
  const errors: string[] = [];
  if (!customer) errors.push('顧客を選択してください。');
  if (!product) errors.push('商品を選択してください。');
  const quantity = Number(values.quantity);
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > 99) errors.push('数量は1〜99の整数で入力してください。');
  const paymentMethod = PAYMENT_METHODS.find((m) => m === values.paymentMethod);
  if (!paymentMethod) errors.push('決済方法を選択してください。');
  if (values.deliveryDate !== '' && !deliveryDates(req.now).includes(values.deliveryDate)) errors.push('お届け希望日が選択できる範囲外です。');
  if (!(DELIVERY_TIMES as readonly string[]).includes(values.deliveryTime)) errors.push('お届け時間帯を選択してください。');
  if (values.memo.length > 2_000) errors.push('受注備考欄は2000文字以内で入力してください。');
  if (errors.length > 0 || !customer || !product || !paymentMethod) return { ok: false, customer, product, values, errors };
  return { ok: true, customer, product, quantity, paymentMethod, values };
}
