import { crosssellLedger, type CrosssellTotals } from './crosssell-ledger';
import type { Demo } from './start-demo';

/**
 * `--taps N`: N of the cart's customers tap a one-tap cross-sell in LINE, alternating the single
 * product and the subscription (customers with running subscriptions take the subscription, so
 * stopping them is part of the run). Those who have tapped least go first, so a kept shop's next
 * run brings new customers; past the number of linked customers they come round again and tap the
 * same cross-sell as the first time: a repeat tap. Returns the new requests' ids.
 */
export async function tapCrosssells(demo: Demo, taps: number): Promise<number[]> {
  const { world } = demo;
  if (world.customers.length === 0) throw new Error('the demo cart has no customers to tap');
  const tapped = new Map<number, number>();
  for (const request of demo.cloud.store.locRequests.values()) tapped.set(request.memberId, (tapped.get(request.memberId) ?? 0) + 1);
  const ids: number[] = [];
  for (let n = 0; n < taps; n += 1) {
    let index = 0;
    world.customers.forEach((c, i) => {
      if ((tapped.get(c.memberId) ?? 0) < (tapped.get(world.customers[index]!.memberId) ?? 0)) index = i;
    });
    const customer = world.customers[index]!;
    const configId = customer.runningSubscriptions > 0 || index % 2 === 1 ? world.configIds.subscription : world.configIds.single;
    ids.push(await world.tap(customer.memberId, configId));
    tapped.set(customer.memberId, (tapped.get(customer.memberId) ?? 0) + 1);
  }
  await demo.app.core.sync.now();
  demo.app.core.robot?.wake();
  return ids;
}

/**
 * The demo's last line: counted from the sandboxes' inspection endpoints, not the robot's records.
 * More taps than customers make some customers tap the same cross-sell again, which the robot
 * should decide once: those show as `duplicates`, never as duplicate orders or messages per customer.
 */
export async function tapOutcome(demo: Demo, requestIds: readonly number[]): Promise<CrosssellTotals> {
  const { perRequest: _perRequest, ...totals } = await crosssellLedger(
    { cloud: { url: demo.cloud.url, token: demo.cloud.token }, ecforceUrl: demo.ecforce.url, lineUrl: demo.line.url },
    requestIds,
  );
  return totals;
}
