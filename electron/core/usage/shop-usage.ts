import type { Db } from '../db/open';
import { CloudError, type CloudClient } from '../sync/cloud-client';
import type { BillingPeriod, BillingPlan } from './billing-period';
import { usageAmount, YEN_PER_SUCCESS, type UsageAmount } from './usage-amount';

/**
 * Whose successes a count holds: the whole shop's, as the cloud bills them, or only this
 * workstation's, when the cloud could not be asked (offline, or none configured yet).
 */
export type UsageScope = 'shop' | 'workstation';

export interface ShopUsage extends UsageAmount {
  scope: UsageScope;
}

/** The screen waits this long for the cloud before it shows this workstation's own count. */
const ASK_CLOUD_MS = 8_000;

/** A cloud that hangs is as good as out of reach for a number on a screen. */
function answerWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CloudError('transient', `GET /v1/usage: the cloud did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * This workstation's successes in the period that the cloud has not acknowledged yet: they are
 * billed, and the shop's count would otherwise drop behind the robot until the next push.
 * Operations from before increments named their day are counted on the first of their month,
 * as the cloud counts them.
 */
function pendingSuccesses(db: Db, period: BillingPeriod): number {
  return db
    .prepare(
      `SELECT coalesce(sum(json_extract(payload, '$.count')), 0) FROM outbox INDEXED BY outbox_pending_usage
       WHERE kind = 'usage.increment' AND state = 'pending'
         AND coalesce(json_extract(payload, '$.day'), json_extract(payload, '$.period') || '-01') BETWEEN ? AND ?`,
    )
    .pluck()
    .get(period.from, period.to) as number;
}

/**
 * The period's usage for the whole shop: the cloud adds up every workstation's increments per
 * day, so it answers for any billing period. When the cloud cannot be reached the screen still
 * shows this workstation's own count, saying that it is only that.
 */
export async function shopUsage(db: Db, cloud: CloudClient | undefined, plan: BillingPlan, now: Date): Promise<ShopUsage> {
  const local = usageAmount(db, plan, now);
  if (!cloud) return { ...local, scope: 'workstation' };
  let counted: number;
  try {
    counted = await answerWithin(cloud.getUsage(local.period.from, nextDay(local.period.to)), ASK_CLOUD_MS);
  } catch (error) {
    if (error instanceof CloudError) return { ...local, scope: 'workstation' };
    throw error;
  }
  const successes = counted + pendingSuccesses(db, local.period);
  return { ...local, successes, amountYen: successes * YEN_PER_SUCCESS, scope: 'shop' };
}
