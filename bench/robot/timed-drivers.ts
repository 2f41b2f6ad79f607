import type { CartDriver } from '../../automation/cart-driver';
import type { DriverProvider } from '../../automation/driver-provider';

export interface DriverCall {
  worker: number;
  method: string;
  /** The call's first argument when it is text (a customer, order or subscription number). */
  subject: string | null;
  startedAt: number;
  ms: number;
  ok: boolean;
}

const METHODS = ['login', 'findCustomer', 'createOrder', 'findOrderByMarker', 'listSubscriptions', 'stopSubscription', 'writeMemo', 'writeSubscriptionMemo'] as const;

/**
 * The same drivers, each call timed. The robot's site throttle wraps these from outside, so a
 * call's time here is the driver's own work, not its wait for the limiter.
 */
export function timedDrivers(inner: DriverProvider, calls: DriverCall[]): DriverProvider {
  return {
    async driverFor(worker, login) {
      const driver = await inner.driverFor(worker, login);
      const timed = {} as Record<string, unknown>;
      for (const name of METHODS) {
        const method = (driver[name] as (...args: unknown[]) => Promise<unknown>).bind(driver);
        timed[name] = async (...args: unknown[]) => {
          const startedAt = performance.now();
          let ok = false;
          try {
            const result = await method(...args);
            ok = true;
            return result;
          } finally {
            const subject = typeof args[0] === 'string' ? args[0] : null;
            calls.push({ worker, method: name, subject, startedAt, ms: performance.now() - startedAt, ok });
          }
        };
      }
      return timed as unknown as CartDriver;
    },
    close: () => inner.close(),
  };
}
