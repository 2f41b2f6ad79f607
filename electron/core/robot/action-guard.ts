import type { CartDriver } from '../../../automation/cart-driver';
import type { LineClient } from '../line/client';

const METHODS = ['login', 'findCustomer', 'createOrder', 'findOrderByMarker', 'listSubscriptions', 'stopSubscription', 'writeMemo', 'writeSubscriptionMemo'] as const;

/**
 * The same driver, each call asking `check` first, which throws when the worker may no longer
 * touch the cart (its lease gone, the PC going to sleep). Put inside the site's limiter, so a call
 * that waited there is checked when it is let through, not when it was queued.
 */
export function guarded(driver: CartDriver, check: () => void): CartDriver {
  const wrapped = {} as Record<string, unknown>;
  for (const name of METHODS) {
    const method = (driver[name] as (...args: unknown[]) => Promise<unknown>).bind(driver);
    wrapped[name] = (...args: unknown[]) => {
      check();
      return method(...args);
    };
  }
  return wrapped as unknown as CartDriver;
}

/** LINE the same way: a message is pushed only while the worker may still act for the request. */
export function guardedLine(line: LineClient, check: () => void): LineClient {
  return {
    push: (...args) => {
      check();
      return line.push(...args);
    },
    getProfile: (userId) => line.getProfile(userId),
    followerIds: (options) => line.followerIds(options),
  };
}
