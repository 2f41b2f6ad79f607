import { DriverError, type CartDriver, type CartOrderRef, type Reason } from '../../../../automation/cart-driver';
import { businessError, messages } from '../../../../automation/ecforce/errors';
import { renderTemplate, type TemplateValues } from '../../crosssell/template';
import { coreReasons } from '../../loc/reasons';
import { LINE_TEXT_MAX_UTF16_UNITS, utf16Length } from '../../line/text-message';
import type { Flow, FlowContext } from '../../robot/flow';
import { sendOnce, type SendOutcome } from '../../robot/message-once';
import { ONCE_PER_REQUEST } from '../../robot/outcomes';
import { billingPeriod, tokyoDate } from '../../robot/period';
import { RobotError } from '../../robot/robot-error';
import { loadCrosssellJob, type CrosssellJob } from './job';
import { repeatTapReason } from './repeat-taps';
import { checkSameCustomer } from './same-customer';

/** The steps of a cross-sell, in order. `finish` (tags, status, usage) is one local transaction. */
export const crosssellSteps = ['prepare', 'create_order', 'stop_subscriptions', 'write_memo', 'send_message', 'finish'] as const;
export type CrosssellStep = (typeof crosssellSteps)[number];

export const COMPLETION_MESSAGE_PURPOSE = 'crosssell-completion';

/**
 * `TANTO:<request uid>`: written into the order so a retry finds it instead of ordering twice.
 * The uid is the cloud's, unique across shops and clouds, so another shop's request with the same
 * number, against the same cart, never finds this order as its own.
 */
export const markerFor = (requestUid: string) => `TANTO:${requestUid}`;

/**
 * How long a create_order that had begun and never finished waits before searching again: the
 * killed run's confirmation may still be on its way through the site.
 */
export const RESUMED_ORDER_WAIT_MS = 3_000;

export interface PreparedCustomer {
  customerNumber: string;
  customerName: string;
  /** What staff should know but did not stop the order (the cart's name differs from the member's). */
  warning?: string | null;
  /** The same as data (its message's name and parameters); absent from steps journaled before it was kept. */
  warningReason?: Reason | null;
}

export interface CrosssellFacts {
  customer: PreparedCustomer;
  order: CartOrderRef & { adopted?: boolean };
  stopped: string[];
}

export interface CrosssellFlowOptions {
  resumedOrderWaitMs?: number;
}

/**
 * The cross-sell flow. Every step is safe to run again: the order is found by its marker, under
 * every cart customer of the member, before one is created (a reopened request adopts the order
 * its first attempt made); stopping a stopped subscription does nothing; memo text already there
 * is not added; the message goes once (sendOnce).
 */
export function createCrosssellFlow(options: CrosssellFlowOptions = {}): Flow<CrosssellJob, CrosssellFacts> {
  const resumedWait = options.resumedOrderWaitMs ?? RESUMED_ORDER_WAIT_MS;
  return {
    kind: 'crosssell',
    steps: crosssellSteps,
    pointOfNoReturn: 'create_order',
    load: loadCrosssellJob,
    skip: (db, request, job) => repeatTapReason(db, request, job),
    run: (ctx, job) => runCrosssell(ctx, job, resumedWait),
    finish(request, job, facts, enqueue, clock) {
      // `crosssell:<request> <config>`, like a rule's `rule:<id> <name>`: the member page says it in the viewer's language.
      const source = { source: 'robot' as const, sourceDetail: `crosssell:${request.id} ${job.config.name}`.slice(0, 500) };
      for (const tagId of job.config.tagsAdd) {
        enqueue(`tag-add:${tagId}`, { kind: 'memberTag.add', payload: { memberId: request.memberId, tagId, ...source } });
      }
      for (const tagId of job.config.tagsRemove) {
        enqueue(`tag-remove:${tagId}`, { kind: 'memberTag.remove', payload: { memberId: request.memberId, tagId, ...source } });
      }
      // The shop is billed per request done, once, however many attempts it took.
      const doneAt = clock.now();
      enqueue(`${ONCE_PER_REQUEST}usage`, { kind: 'usage.increment', payload: { period: billingPeriod(doneAt), day: tokyoDate(doneAt), count: 1 } });
      return { ...summaryOf(facts), completionStatus: job.completionStatus };
    },
  };
}

/** What the robot did, in Japanese for the cloud and the logs, and as data for the screens (coreReasons). */
function summaryOf(facts: CrosssellFacts): { summary: string; summaryReason?: Reason } {
  const { orderNumber } = facts.order;
  const { customerName, warning, warningReason } = facts.customer;
  const made = facts.order.adopted
    ? `前回の試行で作成した受注 ${orderNumber} を引き継ぎました`
    : `受注 ${orderNumber} を作成しました`;
  const stopped = facts.stopped.length > 0 ? `。稼働中だった定期 ${facts.stopped.join('、')} を停止しました` : '';
  const notice = warning ? `。注意: ${warning}` : '';
  const summary = `${made}（${customerName} 様）${stopped}${notice}`;
  // A warning journaled before it was kept as data can be said in the result's text only.
  if (warning && !warningReason) return { summary };
  const parts = [facts.order.adopted ? coreReasons.orderAdopted(orderNumber, customerName) : coreReasons.orderCreated(orderNumber, customerName)];
  if (facts.stopped.length > 0) parts.push(coreReasons.subscriptionsStopped(facts.stopped));
  if (warningReason) parts.push(coreReasons.notice(warningReason));
  return { summary, summaryReason: coreReasons.sentences(...parts) };
}

async function runCrosssell(ctx: FlowContext, job: CrosssellJob, resumedWait: number): Promise<CrosssellFacts> {
  const { config } = job;
  const marker = markerFor(ctx.request.uid);
  const driver = await ctx.cart(config.cartLoginRef);

  const customer = await ctx.step('prepare', async (): Promise<PreparedCustomer> => {
    const number = job.customerNumbers[0];
    if (!number) {
      throw new RobotError('business', 'この友だちには ecforce の顧客が紐付いていません。カート顧客を紐付けてから手動で対応してください', {
        reason: { key: 'noCartCustomer', params: [] },
      });
    }
    // Nothing is ordered for a product the master lacks, for someone else, or with a message that could not be sent.
    if (job.productInMaster === false) throw businessError('product_not_found', messages.productNotFound(config.productCode));
    const found = await driver.findCustomer(number);
    const { warning } = checkSameCustomer(found, job.member);
    checkCompletionMessage(config.messageTemplate, { customerName: found.name, productName: config.productName });
    return {
      customerNumber: found.customerNumber,
      customerName: found.name,
      ...(warning ? { warning: String(warning), warningReason: { key: warning.key, params: [...warning.params] } } : {}),
    };
  });

  const order = await ctx.step('create_order', async (info) => {
    if (info.resumed) await ctx.pause(resumedWait);
    const existing = await findByMarker(driver, job.customerNumbers.filter((n) => n !== customer.customerNumber), marker);
    if (existing) return { ...existing, adopted: true };
    const created = await driver.createOrder({
      customerNumber: customer.customerNumber,
      productCode: config.productCode,
      productName: config.productName,
      quantity: 1,
      marker,
      beforeConfirm: ctx.assertLease,
    });
    // The driver answers an order it found by the marker as one it made: an earlier attempt's journal tells them apart.
    const adopted = info.earlier.some((e) => e.state === 'done' && (e.detail as CartOrderRef | null)?.orderNumber === created.orderNumber);
    return adopted ? { ...created, adopted } : created;
  });

  const stopped = await ctx.step('stop_subscriptions', async () => {
    if (!config.stopRunningSubscriptions) return { stopped: [] as string[] };
    // Seed 000 ⑮: every running subscription of the customer except the one this order started.
    const own = order.subscriptionNumber ?? null;
    const running = (await driver.listSubscriptions(customer.customerNumber)).filter(
      (s) => s.status === 'running' && (own === null || s.number !== own),
    );
    const result: string[] = [];
    for (const subscription of running) {
      try {
        await driver.stopSubscription(subscription.id);
        result.push(subscription.number ?? subscription.id);
      } catch (error) {
        // Cancelled in the meantime is as good as stopped: it is not running any more.
        if (!(error instanceof DriverError && error.code === 'subscription_cancelled')) throw error;
      }
    }
    return { stopped: result };
  });

  const values = { customerName: customer.customerName, productName: config.productName };
  await ctx.step('write_memo', async () => {
    const written: string[] = [];
    for (const memo of config.memoWrites) {
      const text = renderTemplate(memo.text, values);
      if (text.trim() === '') continue;
      if (memo.field === 'order_memo') {
        await driver.writeMemo(order.orderNumber, text);
      } else if (memo.field === 'subscription_memo') {
        // A single product starts no subscription: nothing to write there.
        if (!order.subscriptionNumber) continue;
        await driver.writeSubscriptionMemo(order.subscriptionNumber, text);
      } else {
        throw new RobotError('business', `書き込み先「${memo.field}」にはロボットが対応していません。クロスセル設定を確認してください`, { reason: { key: 'memoFieldUnsupported', params: [memo.field] } });
      }
      written.push(memo.field);
    }
    return { written };
  });

  await ctx.step('send_message', async (info): Promise<SendOutcome> => {
    const text = renderTemplate(config.messageTemplate, values);
    return sendOnce(ctx.line, ctx.request, info, {
      purpose: COMPLETION_MESSAGE_PURPOSE,
      to: job.lineUserId,
      messages: text.trim() === '' ? [] : [{ type: 'text', text }],
      now: ctx.clock.now(),
    });
  });

  return { customer, order, stopped: stopped.stopped };
}

/** The completion message as it will be sent must be one LINE accepts: it is checked in UTF-16 units, as LINE counts. */
function checkCompletionMessage(template: string, values: TemplateValues): void {
  const text = renderTemplate(template, values);
  if (text.trim() === '') return;
  const units = utf16Length(text);
  if (units > LINE_TEXT_MAX_UTF16_UNITS) throw businessError('message_too_long', messages.completionMessageTooLong(units, LINE_TEXT_MAX_UTF16_UNITS));
}

/** The order a marker names, under any of the given customers of the member. */
async function findByMarker(driver: CartDriver, customerNumbers: string[], marker: string): Promise<CartOrderRef | null> {
  for (const number of customerNumbers) {
    const found = await driver.findOrderByMarker(number, marker);
    if (found) return found;
  }
  return null;
}
