import type {
  Customer,
  Order,
  OrderItem,
  OrderState,
  PaymentMethod,
  Product,
  Subscription,
  SubscriptionStatus,
} from './model';

/**
 * The shop's data behind the admin pages. Internal IDs are small integers; 受注番号 and
 * 定期受注番号 are 10-digit numbers handed out in sequence, as the site does.
 */
export interface EcforceStore {
  products: Map<number, Product>;
  customers: Map<number, Customer>;
  orders: Map<number, Order>;
  subscriptions: Map<number, Subscription>;
  addProduct(input: Omit<Product, 'id'>): Product;
  addCustomer(input: Omit<Customer, 'id' | 'number'> & { number?: string }): Customer;
  addSubscription(input: NewSubscription): Subscription;
  addOrder(input: NewOrder): Order;
  productByCode(code: string): Product | undefined;
  searchProducts(keyword: string): Product[];
  customerByNumber(number: string): Customer | undefined;
  searchCustomers(field: CustomerSearchField, keyword: string): Customer[];
  searchOrders(query: OrderQuery): Order[];
  searchSubscriptions(query: SubscriptionQuery): Subscription[];
  updateOrder(id: number, patch: Partial<Pick<Order, 'memo' | 'needsAttention' | 'state'>>, at: Date): Order;
  setSubscriptionStatus(id: number, status: SubscriptionStatus, at: Date): Subscription;
  clear(): void;
}

export type CustomerSearchField = 'id' | 'number' | 'email';

export interface OrderQuery {
  number?: string;
  customerNumber?: string;
  memo?: string;
}

export interface SubscriptionQuery {
  number?: string;
  customerNumber?: string;
  status?: SubscriptionStatus;
}

export interface NewOrder {
  customerId: number;
  items: Array<{ product: Product; quantity: number }>;
  paymentMethod: PaymentMethod;
  memo: string;
  deliveryDate?: string | null;
  deliveryTime?: string | null;
  state?: OrderState;
  subscriptionId?: number | null;
  createdAt: Date;
  createdBy: string | null;
}

export interface NewSubscription {
  customerId: number;
  product: Product;
  quantity?: number;
  courseName: string;
  orderCount: number;
  status: SubscriptionStatus;
  nextDeliveryOn: string | null;
  createdAt: Date;
  memo?: string;
}

const FIRST_ORDER_NUMBER = 1_000_245_001;
const FIRST_SUBSCRIPTION_NUMBER = 5_000_012_001;
const FIRST_CUSTOMER_NUMBER = 10_000_001;
/** Free shipping from this subtotal; below it a flat fee, as most D2C shops set it. */
export const FREE_SHIPPING_FROM = 5_000;
export const SHIPPING_FEE = 660;

export function shippingFeeFor(subtotal: number): number {
  return subtotal >= FREE_SHIPPING_FROM ? 0 : SHIPPING_FEE;
}

export function createEcforceStore(): EcforceStore {
  const products = new Map<number, Product>();
  const customers = new Map<number, Customer>();
  const orders = new Map<number, Order>();
  const subscriptions = new Map<number, Subscription>();
  const next = { product: 1, customer: 1, order: 1, subscription: 1 };
  const nextCustomerNumber = () => {
    const used = new Set([...customers.values()].map((c) => c.number));
    let candidate = FIRST_CUSTOMER_NUMBER + customers.size;
    while (used.has(String(candidate))) candidate += 1;
    return String(candidate);
  };

  const store: EcforceStore = {
    products,
    customers,
    orders,
    subscriptions,
    addProduct(input) {
      if (store.productByCode(input.code)) throw new Error(`商品コード ${input.code} は既に登録されています`);
      const product: Product = { id: next.product++, ...input };
      products.set(product.id, product);
      return product;
    },
    addCustomer(input) {
      const number = input.number ?? nextCustomerNumber();
      if (store.customerByNumber(number)) throw new Error(`顧客番号 ${number} は既に登録されています`);
      const customer: Customer = { ...input, id: next.customer++, number };
      customers.set(customer.id, customer);
      return customer;
    },
    addSubscription(input) {
      const id = next.subscription++;
      const at = input.createdAt.toISOString();
      const subscription: Subscription = {
        id,
        number: String(FIRST_SUBSCRIPTION_NUMBER + id - 1),
        customerId: input.customerId,
        productId: input.product.id,
        productCode: input.product.code,
        productName: input.product.name,
        quantity: input.quantity ?? 1,
        courseName: input.courseName,
        orderCount: input.orderCount,
        status: input.status,
        nextDeliveryOn: input.status === '有効' ? input.nextDeliveryOn : null,
        memo: input.memo ?? '',
        createdAt: at,
        updatedAt: at,
      };
      subscriptions.set(id, subscription);
      return subscription;
    },
    addOrder(input) {
      const id = next.order++;
      const items: OrderItem[] = input.items.map(({ product, quantity }) => ({
        productId: product.id,
        code: product.code,
        name: product.name,
        kind: product.kind,
        price: product.price,
        quantity,
      }));
      const subtotal = items.reduce((sum, item) => sum + item.price * item.quantity, 0);
      const shippingFee = shippingFeeFor(subtotal);
      const at = input.createdAt.toISOString();
      const order: Order = {
        id,
        number: String(FIRST_ORDER_NUMBER + id - 1),
        customerId: input.customerId,
        items,
        paymentMethod: input.paymentMethod,
        deliveryDate: input.deliveryDate ?? null,
        deliveryTime: input.deliveryTime ?? null,
        subtotal,
        shippingFee,
        total: subtotal + shippingFee,
        state: input.state ?? '新規受付',
        memo: input.memo,
        needsAttention: false,
        subscriptionId: input.subscriptionId ?? null,
        createdAt: at,
        updatedAt: at,
        createdBy: input.createdBy,
      };
      orders.set(id, order);
      return order;
    },
    productByCode: (code) => [...products.values()].find((p) => p.code === code),
    searchProducts(keyword) {
      const needle = keyword.trim();
      if (needle === '') return [...products.values()];
      return [...products.values()].filter((p) => p.code.includes(needle) || p.name.includes(needle));
    },
    customerByNumber: (number) => [...customers.values()].find((c) => c.number === number),
    searchCustomers(field, keyword) {
      const needle = keyword.trim();
      if (needle === '') return [];
      return [...customers.values()].filter((c) => {
        if (field === 'id') return String(c.id) === needle;
        if (field === 'number') return c.number === needle;
        return c.email.toLowerCase() === needle.toLowerCase();
      });
    },
    searchOrders(query) {
      const customer = query.customerNumber ? store.customerByNumber(query.customerNumber.trim()) : undefined;
      if (query.customerNumber && !customer) return [];
      return [...orders.values()]
        .filter((o) => !query.number || o.number === query.number.trim())
        .filter((o) => !customer || o.customerId === customer.id)
        .filter((o) => !query.memo || o.memo.includes(query.memo.trim()))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
    },
    searchSubscriptions(query) {
      const customer = query.customerNumber ? store.customerByNumber(query.customerNumber.trim()) : undefined;
      if (query.customerNumber && !customer) return [];
      return [...subscriptions.values()]
        .filter((s) => !query.number || s.number === query.number.trim())
        .filter((s) => !customer || s.customerId === customer.id)
        .filter((s) => !query.status || s.status === query.status)
        .sort((a, b) => b.id - a.id);
    },
    updateOrder(id, patch, at) {
      const order = orders.get(id);
      if (!order) throw new Error(`order ${id} does not exist`);
      Object.assign(order, patch, { updatedAt: at.toISOString() });
      return order;
    },
    setSubscriptionStatus(id, status, at) {
      const subscription = subscriptions.get(id);
      if (!subscription) throw new Error(`subscription ${id} does not exist`);
      subscription.status = status;
      if (status !== '有効') subscription.nextDeliveryOn = null;
      subscription.updatedAt = at.toISOString();
      return subscription;
    },
    clear() {
      products.clear();
      customers.clear();
      orders.clear();
      subscriptions.clear();
      Object.assign(next, { product: 1, customer: 1, order: 1, subscription: 1 });
    },
  };
  return store;
}
