import pThrottle from 'p-throttle';
import type { CartDriver } from '../../../automation/cart-driver';

export type Throttle = <A extends readonly unknown[], R>(fn: (...args: A) => Promise<R>) => (...args: A) => Promise<R>;

/**
 * One limiter per site, shared by every worker: the cart sees at most `callsPerSecond` robot
 * operations a second however many browser contexts run. p-throttle keeps the window logic.
 */
export function createSiteThrottle(callsPerSecond: number): (baseUrl: string) => Throttle {
  const bySite = new Map<string, Throttle>();
  return (baseUrl) => {
    const site = new URL(baseUrl).origin;
    let throttle = bySite.get(site);
    if (!throttle) {
      throttle = pThrottle({ limit: Math.max(1, callsPerSecond), interval: 1000 }) as unknown as Throttle;
      bySite.set(site, throttle);
    }
    return throttle;
  };
}

/** The same driver, each of its calls waiting for the site's limiter first. */
export function throttled(driver: CartDriver, throttle: Throttle): CartDriver {
  const wrapped = {} as Record<string, unknown>;
  for (const name of ['login', 'findCustomer', 'createOrder', 'findOrderByMarker', 'listSubscriptions', 'stopSubscription', 'writeMemo', 'writeSubscriptionMemo'] as const) {
    const method = (driver[name] as (...args: unknown[]) => Promise<unknown>).bind(driver);
    wrapped[name] = throttle(method);
  }
  return wrapped as unknown as CartDriver;
}
