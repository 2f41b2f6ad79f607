import type { CartDriver, CartOrderRef } from '../../../automation/cart-driver';
import { DriverError } from '../../../automation/cart-driver';
import { renderTemplate } from '../crosssell/template';
import type { Db } from '../db/open';
import type { LineClient } from '../line/client';
import { LineError } from '../line/errors';
import { lineRetryKey } from '../line/retry-key';
import { doneSteps, stepDone, stepFailed, stepStarted } from './journal';
import { RobotError } from './robot-error';

/** The steps of a cross-sell, in order. `finish` (tags, status, usage) is one local transaction. */
export const crosssellSteps = ['prepare', 'create_order', 'stop_subscriptions', 'write_memo', 'send_message', 'finish'] as const;
export type CrosssellStep = (typeof crosssellSteps)[number];

/** Where a step is: begun, its effect made but not yet journaled, journaled as done. */
export type CheckpointPhase = 'started' | 'acted' | 'journaled';
export type Checkpoint = (step: CrosssellStep, phase: CheckpointPhase, requestId: number) => void | Promise<void>;

export const COMPLETION_MESSAGE_PURPOSE = 'crosssell-completion';

export interface CrosssellJob {
  requestId: number;
  lineUserId: string;
  /** The member's ecforce customer numbers, the one to order for first. */
  customerNumbers: string[];
  config: {
    id: number;
    productName: string;
    productCode: string;
    memoWrites: Array<{ field: string; text: string }>;
    messageTemplate: string;
    stopRunningSubscriptions: boolean;
  };
}

export interface FlowPorts {
  db: Db;
  now: () => string;
  driver: CartDriver;
  line: LineClient | null;
  runId: number;
  /** Throws when the cloud lease was lost, so no side effect starts without it. */
  assertLease: () => void;
  checkpoint?: Checkpoint | undefined;
}

export interface PreparedCustomer {
  customerNumber: string;
  customerName: string;
}

export interface FlowFacts {
  customer: PreparedCustomer;
  order: CartOrderRef;
}

/** `TANTO:<request id>`: written into the order so a retry finds it instead of ordering twice. */
export const markerFor = (requestId: number) => `TANTO:${requestId}`;

/**
 * Runs the cart and LINE steps of one cross-sell, skipping those the journal says are done.
 * Every step is safe to run again after a crash: the order is found by its marker, stopping a
 * stopped subscription does nothing, memo text already present is not added, and LINE answers
 * a repeated retry key with 409 instead of sending again.
 */
export async function runCrosssellFlow(job: CrosssellJob, ports: FlowPorts): Promise<FlowFacts> {
  const done = doneSteps(ports.db, job.requestId);
  const step = async <T>(name: CrosssellStep, body: () => Promise<T>): Promise<T> => {
    if (done.has(name)) return done.get(name) as T;
    ports.assertLease();
    const id = stepStarted(ports.db, ports.runId, name, ports.now());
    await ports.checkpoint?.(name, 'started', job.requestId);
    let result: T;
    try {
      result = await body();
    } catch (error) {
      const artifacts = error instanceof DriverError ? error.artifacts : null;
      stepFailed(ports.db, id, messageOf(error), ports.now(), {
        screenshot: artifacts?.screenshot ?? null,
        trace: artifacts?.traces.at(-1) ?? null,
      });
      throw error;
    }
    await ports.checkpoint?.(name, 'acted', job.requestId);
    stepDone(ports.db, id, result, ports.now());
    done.set(name, result);
    await ports.checkpoint?.(name, 'journaled', job.requestId);
    return result;
  };

  const { driver } = ports;
  const { config } = job;
  const customer = await step('prepare', async (): Promise<PreparedCustomer> => {
    const number = job.customerNumbers[0];
    if (!number) throw new RobotError('business', 'この友だちには ecforce の顧客が紐付いていません。カート顧客を紐付けてから手動で対応してください');
    const found = await driver.findCustomer(number);
    return { customerNumber: found.customerNumber, customerName: found.name };
  });

  const order = await step('create_order', () =>
    driver.createOrder({
      customerNumber: customer.customerNumber,
      productCode: config.productCode,
      productName: config.productName,
      quantity: 1,
      marker: markerFor(job.requestId),
    }),
  );

  await step('stop_subscriptions', async () => {
    if (!config.stopRunningSubscriptions) return { stopped: [] as string[] };
    const own = order.subscriptionNumber ?? null;
    const running = (await driver.listSubscriptions(customer.customerNumber)).filter(
      (s) => s.status === 'running' && (own === null || s.number !== own),
    );
    const stopped: string[] = [];
    for (const subscription of running) {
      try {
        await driver.stopSubscription(subscription.id);
        stopped.push(subscription.number ?? subscription.id);
      } catch (error) {
        // Cancelled in the meantime is as good as stopped: it is not running any more.
        if (!(error instanceof DriverError && error.code === 'subscription_cancelled')) throw error;
      }
    }
    return { stopped };
  });

  const values = { customerName: customer.customerName, productName: config.productName };
  await step('write_memo', async () => {
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
        throw new RobotError('business', `書き込み先「${memo.field}」にはロボットが対応していません。クロスセル設定を確認してください`);
      }
      written.push(memo.field);
    }
    return { written };
  });

  await step('send_message', async () => {
    const text = renderTemplate(config.messageTemplate, values);
    if (text.trim() === '') return { sent: false };
    if (!ports.line) throw new RobotError('business', 'LINE のチャネルアクセストークンが設定されていないため、完了メッセージを送れません');
    try {
      const result = await ports.line.push(job.lineUserId, [{ type: 'text', text }], lineRetryKey(job.requestId, COMPLETION_MESSAGE_PURPOSE));
      return { sent: true, status: result.status };
    } catch (error) {
      if (error instanceof LineError && error.kind === 'permanent') {
        throw new RobotError('business', `LINE の完了メッセージを送れませんでした（${error.message}）。手動で連絡してください`, { cause: error });
      }
      throw error;
    }
  });

  return { customer, order };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
