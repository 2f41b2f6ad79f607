import { z } from 'zod';
import { isoNow } from '../../clock';
import { readBillingPlan, saveBillingPlan } from '../../usage/billing-plan-store';
import { shopUsage } from '../../usage/shop-usage';
import { handler } from '../registry';

const billingPlan = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar_month') }),
  z.object({ kind: z.literal('plan_day'), day: z.number().int().min(1).max(31) }),
]);

/**
 * Robot usage as the shop is billed for it: every workstation's successes and their amount in the
 * current billing period, or this workstation's alone (and saying so) while the cloud is out of reach.
 */
export const usageHandlers = {
  'usage.get': handler(z.object({}), ({ db, clock, cloud }) => shopUsage(db, cloud, readBillingPlan(db), clock.now())),
  /** The shop's billing period: the calendar month, or from the card's payment day to the day before the next. */
  'usage.setPlan': handler(z.object({ plan: billingPlan }), ({ db, clock, cloud }, { plan }) => {
    saveBillingPlan(db, plan, isoNow(clock));
    return shopUsage(db, cloud, plan, clock.now());
  }),
};
