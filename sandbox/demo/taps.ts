import { crosssellLedger, type CrosssellTotals } from './crosssell-ledger';
import type { Demo } from './start-demo';

/**
 * `--taps N`: N of the cart's customers tap a one-tap cross-sell in LINE, alternating the single
 * product and the subscription (customers with running subscriptions take the subscription, so
 * stopping them is part of the run). Past the number of linked customers they come round again and
 * tap the same cross-sell as the first time: a repeat tap. Returns the new requests' ids.
 */
export async function tapCrosssells(demo: Demo, taps: number): Promise<number[]> {
  const { world } = demo;
  const ids: number[] = [];
  for (let n = 0; n < taps; n += 1) {
    const customer = world.customers[n % world.customers.length];
    if (!customer) throw new Error('the demo cart has no customers to tap');
    const configId = customer.runningSubscriptions > 0 || n % 2 === 1 ? world.configIds.subscription : world.configIds.single;
    ids.push(await world.tap(customer.memberId, configId));
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
