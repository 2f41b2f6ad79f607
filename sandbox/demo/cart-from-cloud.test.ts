import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { startEcforceSandbox, type EcforceSandbox } from '../ecforce/server';
import { startLineSandbox, type LineSandbox } from '../line/server';
import { fillCartFromCloud } from './cart-from-cloud';
import { linkShops, type CrosssellWorld } from './crosssell-world';

/**
 * The demo's sandboxes as the demo starts them: the cloud's seeded shop, and a cart with no
 * customers of its own filled from it. One customer number is one person in both.
 */

let cloud: CloudSandbox;
let ecforce: EcforceSandbox;
let line: LineSandbox;
let world: CrosssellWorld;

beforeAll(async () => {
  [cloud, ecforce, line] = await Promise.all([startCloudSandbox({ members: 1000 }), startEcforceSandbox({ seed: false }), startLineSandbox()]);
  fillCartFromCloud(cloud, ecforce);
  world = linkShops({ cloud, ecforce, line });
});
afterAll(async () => {
  await Promise.all([cloud?.close(), ecforce?.close(), line?.close()]);
});

describe('the demo cart filled from the cloud', () => {
  it('holds every ecforce cart customer of the cloud under the same number with the same name, phone and e-mail, and no one else', () => {
    const cloudCustomers = [...cloud.store.cartCustomers.values()].filter((c) => c.cart === 'ecforce');
    expect(cloudCustomers.length).toBeGreaterThan(900);
    const cart = new Map([...ecforce.store.customers.values()].map((c) => [c.number, c]));
    expect(cart.size).toBe(cloudCustomers.length);
    const disagreeing = cloudCustomers.filter((c) => {
      const there = cart.get(c.customerNumber);
      return !there || there.name !== c.name || there.phone !== (c.phone ?? '') || there.email !== (c.email ?? '');
    });
    expect(disagreeing).toEqual([]);
    // The numbers the cart sandbox hands out itself are the cloud's people here, not the cart's own.
    expect(cart.get('10000008')?.name).toBe([...cloud.store.cartCustomers.values()].find((c) => c.customerNumber === '10000008')?.name);
  });

  it("gives the cart the cloud's product master and each customer's subscriptions", () => {
    expect([...ecforce.store.products.values()].map((p) => p.code).sort()).toEqual([...cloud.store.products.values()].map((p) => p.code).sort());
    const perCustomer = (number: string) => ecforce.store.searchSubscriptions({ customerNumber: number }).length;
    for (const customer of [...cloud.store.cartCustomers.values()].filter((c) => c.cart === 'ecforce').slice(0, 200)) {
      const inCloud = [...cloud.store.subscriptions.values()].filter((s) => s.cartCustomerId === customer.id).length;
      expect(perCustomer(customer.customerNumber), customer.customerNumber).toBe(inCloud);
    }
  });

  it('links customers who tap as members with that one cart customer, their own name and phone, and nothing open', () => {
    expect(world.customers).toHaveLength(40);
    expect(new Set(world.customers.map((c) => c.memberId)).size).toBe(40);
    const open = new Set([...cloud.store.locRequests.values()].filter((r) => r.status !== 'done').map((r) => r.memberId));
    for (const linked of world.customers) {
      const member = cloud.store.members.get(linked.memberId)!;
      const links = [...cloud.store.cartCustomers.values()].filter((c) => c.memberId === member.id && c.cart === 'ecforce');
      const inCart = ecforce.store.customerByNumber(linked.customerNumber)!;
      expect(links.map((c) => c.customerNumber)).toEqual([linked.customerNumber]);
      expect({ name: inCart.name, phone: inCart.phone }).toEqual({ name: member.name, phone: member.phone });
      expect(member.phone).not.toBeNull();
      expect(open.has(member.id)).toBe(false);
    }
  });

  it('refuses to link a cart whose customer under a number the cloud knows is someone else', async () => {
    // The cart sandbox seeded with customers of its own, as the demo's used to be.
    const ownPeople = await startEcforceSandbox();
    try {
      const clash = [...ownPeople.store.customers.values()].find((c) => {
        const known = [...cloud.store.cartCustomers.values()].find((k) => k.customerNumber === c.number);
        return known && known.name !== c.name;
      });
      expect(clash).toBeDefined();
      expect(() => linkShops({ cloud, ecforce: ownPeople, line })).toThrow(/in the cart but .* in the cloud/);
    } finally {
      await ownPeople.close();
    }
  });
});
