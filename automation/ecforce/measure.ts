import type { CartDriver, CreateOrderInput } from '../cart-driver';

export interface CreateOrderTiming {
  /** Milliseconds per createOrder, in the order run. */
  samples: number[];
  minMs: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** The time of the sign-in done before measuring, kept apart from the samples. */
  warmUpMs: number;
}

/**
 * Times createOrder with a warm session, for the robot benchmark: the driver signs in first
 * (timed apart), then each input is ordered in turn. Every input needs its own marker, or the
 * second run of a marker only finds the first order.
 */
export async function measureCreateOrder(
  driver: CartDriver,
  inputs: readonly CreateOrderInput[],
  clock: () => number = () => performance.now(),
): Promise<CreateOrderTiming> {
  if (inputs.length === 0) throw new Error('measureCreateOrder needs at least one order to time');
  if (new Set(inputs.map((i) => i.marker)).size !== inputs.length) throw new Error('each timed order needs its own marker');
  const warmStart = clock();
  await driver.login();
  const warmUpMs = clock() - warmStart;
  const samples: number[] = [];
  for (const input of inputs) {
    const started = clock();
    await driver.createOrder(input);
    samples.push(clock() - started);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { samples, minMs: sorted[0]!, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted[sorted.length - 1]!, warmUpMs };
}
