import type { EcforceFaultSettings } from './faults';
import type { Customer, Order, Permission, Product, Subscription } from './model';
import type { RecordedPost } from './recorder';
import type { EcforceState } from './state';

export interface InspectedOrder extends Order {
  customerNumber: string;
}

export interface InspectedSubscription extends Subscription {
  customerNumber: string;
}

export interface EcforceInspection {
  now: string;
  orders: InspectedOrder[];
  subscriptions: InspectedSubscription[];
  customers: Customer[];
  products: Product[];
  posts: RecordedPost[];
  faults: EcforceFaultSettings;
  /** Members without their passwords. */
  accounts: Array<{ email: string; name: string; role: string; permissions: Permission[] }>;
  sessions: number;
  idleTimeoutMinutes: number;
}

/** Everything a test may want to assert on, as plain data (deep copies). */
export function inspect(state: EcforceState): EcforceInspection {
  const { store } = state;
  const numberOf = (customerId: number) => store.customers.get(customerId)?.number ?? '';
  return structuredClone({
    now: state.clock.now().toISOString(),
    orders: [...store.orders.values()].map((o) => ({ ...o, customerNumber: numberOf(o.customerId) })),
    subscriptions: [...store.subscriptions.values()].map((s) => ({ ...s, customerNumber: numberOf(s.customerId) })),
    customers: [...store.customers.values()],
    products: [...store.products.values()],
    posts: state.posts.list(),
    faults: state.faults.settings(),
    accounts: state.accounts.list().map(({ email, name, role, permissions }) => ({ email, name, role, permissions })),
    sessions: state.sessions.count(),
    idleTimeoutMinutes: state.idleTimeoutMs / 60_000,
  });
}
