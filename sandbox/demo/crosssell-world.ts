import { lineUserIdFor } from '../line/profiles';
import type { LineSandbox } from '../line/server';
import type { CloudSandbox } from '../cloud/server';
import { demoCrosssellConfigs } from '../cloud/seed';
import { tagSpecs } from '../cloud/vocabulary';
import type { EcforceSandbox } from '../ecforce/server';

/** A cloud member linked to an ecforce customer and a LINE friend. */
export interface LinkedCustomer {
  memberId: number;
  lineUserId: string;
  customerNumber: string;
  name: string;
  runningSubscriptions: number;
}

export interface CrosssellWorld {
  customers: LinkedCustomer[];
  /** The cart login the demo configs name (ref ecforce-main), with the sandbox's robot account. */
  login: { ref: string; cart: 'ecforce'; baseUrl: string; email: string; password: string };
  configIds: { single: number; subscription: number };
  /** A customer taps a cross-sell in LINE: the cloud records a new LOC request. */
  tap(memberId: number, configId: number): Promise<number>;
}

export const DEMO_CART_LOGIN_REF = 'ecforce-main';

/**
 * Makes the three sandboxes describe one shop: the cloud gets a member (and cart customer) for
 * each of the first `customers` ecforce customers, LINE a friend for each, and the cloud the
 * cart's product master, the tag list and the two demo cross-sells. The cloud should start empty
 * (members: 0) so that every LOC request in it is one a test or the demo made on purpose. The
 * demo's cloud has members of its own, and its cart was filled from them (fillCartFromCloud):
 * there the linked customers are the cloud's, and a cart customer the cloud knows as someone else
 * stops the demo rather than have the robot order for one person and greet another.
 */
export function linkShops(sandboxes: { cloud: CloudSandbox; ecforce: EcforceSandbox; line: LineSandbox }, options: { customers?: number } = {}): CrosssellWorld {
  const { cloud, ecforce, line } = sandboxes;
  const store = cloud.store;
  const at = store.clock.now().toISOString();
  const cart = ecforce.store;

  for (const product of cart.products.values()) {
    if ([...store.products.values()].some((p) => p.code === product.code)) continue;
    store.upsert('product', {
      id: store.nextId('product'),
      cart: 'ecforce',
      code: product.code,
      name: product.name,
      kind: product.kind === '定期' ? 'subscription' : 'single',
      price: product.price,
      updatedAt: at,
    });
  }
  if (store.tags.size === 0) {
    tagSpecs.forEach(([name, folder], index) => store.upsert('tag', { id: index + 1, name, folder, updatedAt: at }));
  }
  const configs = demoCrosssellConfigs([...store.tags.values()], at);
  for (const config of configs) if (!store.crosssellConfigs.has(config.id)) store.upsert('crosssell_config', config);

  const wanted = options.customers ?? 40;
  const ecforceCustomers = [...store.cartCustomers.values()].filter((c) => c.cart === 'ecforce');
  const knownByNumber = new Map(ecforceCustomers.map((c) => [c.customerNumber, c]));
  const linksOf = new Map<number, number>();
  for (const c of ecforceCustomers) linksOf.set(c.memberId, (linksOf.get(c.memberId) ?? 0) + 1);
  const waiting = new Set([...store.locRequests.values()].filter((r) => r.status !== 'done').map((r) => r.memberId));
  const linkedMembers = new Set<number>();
  const customers: LinkedCustomer[] = [];
  for (const customer of [...cart.customers.values()].sort((a, b) => a.number.localeCompare(b.number))) {
    if (customers.length >= wanted) break;
    const runningSubscriptions = [...cart.subscriptions.values()].filter((s) => s.customerId === customer.id && s.status === '有効').length;
    // A customer the cloud already knows keeps its member (who is a LINE friend already).
    const known = knownByNumber.get(customer.number);
    const knownMember = known ? store.members.get(known.memberId) : undefined;
    if (known && knownMember) {
      if (known.name !== customer.name || (known.phone ?? '') !== customer.phone) {
        throw new Error(
          `cart customer ${customer.number} is ${customer.name} (${customer.phone}) in the cart but ${known.name ?? ''} (${known.phone ?? ''}) in the cloud: ` +
            'the sandboxes describe two different shops',
        );
      }
      // Those who tap are members with this one cart customer, reachable by the member's phone and
      // with nothing open already, so each tap is the member's first and the robot orders for them.
      const tapsCleanly =
        !linkedMembers.has(knownMember.id) &&
        linksOf.get(knownMember.id) === 1 &&
        knownMember.phone !== null &&
        knownMember.phone === known.phone &&
        !waiting.has(knownMember.id);
      if (!tapsCleanly) continue;
      linkedMembers.add(knownMember.id);
      customers.push({ memberId: knownMember.id, lineUserId: knownMember.lineUserId, customerNumber: customer.number, name: customer.name, runningSubscriptions });
      continue;
    }
    const memberId = store.nextId('member');
    const lineUserId = lineUserIdFor(`crosssell-world-${customer.number}`);
    store.upsert('member', {
      id: memberId,
      lineUserId,
      displayName: customer.name,
      name: customer.name,
      nameKana: customer.kana || null,
      phone: customer.phone || null,
      email: customer.email || null,
      operator: null,
      followedAt: at,
      updatedAt: at,
    });
    store.upsert('cart_customer', {
      id: store.nextId('cart_customer'),
      memberId,
      cart: 'ecforce',
      customerNumber: customer.number,
      name: customer.name,
      phone: customer.phone || null,
      email: customer.email || null,
      updatedAt: at,
    });
    line.addProfiles([{ userId: lineUserId, displayName: customer.name }]);
    customers.push({ memberId, lineUserId, customerNumber: customer.number, name: customer.name, runningSubscriptions });
  }

  const single = configs.find((c) => c.kind === 'single');
  const subscription = configs.find((c) => c.kind === 'subscription');
  if (!single || !subscription) throw new Error('the demo cross-sells should include a single and a subscription product');
  return {
    customers,
    login: { ref: DEMO_CART_LOGIN_REF, cart: 'ecforce', baseUrl: ecforce.url, ...ecforce.robotLogin },
    configIds: { single: single.id, subscription: subscription.id },
    async tap(memberId, configId) {
      const response = await fetch(`${cloud.url}/_sandbox/tap`, {
        method: 'POST',
        headers: { authorization: `Bearer ${cloud.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ memberId, crosssellConfigId: configId }),
      });
      if (response.status !== 201) throw new Error(`tap failed with ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { id: number }).id;
    },
  };
}
