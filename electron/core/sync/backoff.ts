import { CloudError } from './cloud-client';

export interface RetryOptions {
  /** Retries after the first attempt; transient failures only. */
  retries?: number;
  minDelayMs?: number;
  maxDelayMs?: number;
  /** Injected so tests neither wait nor depend on chance. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Exponential backoff with jitter: the ceiling doubles per attempt up to maxDelayMs, and the
 * delay is drawn from its upper half so many workstations coming back together do not stampede.
 */
export function backoffDelay(attempt: number, options: RetryOptions = {}): number {
  const min = options.minDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const ceiling = Math.min(max, min * 2 ** attempt);
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Runs fn, retrying transient cloud failures with backoff; a permanent one is thrown at once. */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  options: RetryOptions & { onFailure?: (error: unknown, attempt: number) => void } = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      options.onFailure?.(error, attempt);
      const transient = !(error instanceof CloudError) || error.kind === 'transient';
      if (!transient || attempt >= retries) throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
