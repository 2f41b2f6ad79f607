import { z } from 'zod';
import { isoNow } from '../../clock';
import { readBillingPlan, saveBillingPlan } from '../../usage/billing-plan-store';
import { usageAmount } from '../../usage/usage-amount';
import { handler } from '../registry';

const billingPlan = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('calendar_month') }),
  z.object({ kind: z.literal('plan_day'), day: z.number().int().min(1).max(31) }),
]);

/** Robot usage as the shop is billed for it: successes and their amount in the current billing period. */
export const usageHandlers = {
  'usage.get': handler(z.object({}), ({ db, clock }) => usageAmount(db, readBillingPlan(db), clock.now())),
  /** The shop's billing period: the calendar month, or from the card's payment day to the day before the next. */
  'usage.setPlan': handler(z.object({ plan: billingPlan }), ({ db, clock }, { plan }) => {
    saveBillingPlan(db, plan, isoNow(clock));
    return usageAmount(db, plan, clock.now());
  }),
};
