import type { BrowserContext, Page } from 'playwright-core';
import type {
  CartCustomerRef,
  CartDriver,
  CartOrderRef,
  CartSubscriptionRef,
  CartSubscriptionStatus,
  CreateOrderInput,
} from '../cart-driver';
import { applicationError, businessError, createRedactor, fieldOf, inputDetails, listOf, messages, pageDetails, screenOf, type FieldCode } from './errors';
import { createFlowRunner } from './flow-runner';
import { Lookups } from './lookups';
import { appendToMemo, isUsableMarker } from './marker';
import { NotFoundSignal, openAdminPage, type ScreenDeps } from './pages/admin-screen';
import { OrderCreatePage } from './pages/order-create-page';
import { OrderFormPage } from './pages/order-form-page';
import { createScreenMemory } from './pages/screen-memory';
import { SubscriptionDetailPage } from './pages/subscription-detail-page';
import { SubscriptionListPage } from './pages/subscription-list-page';
import { SessionKeeper, type Credentials } from './session-keeper';
import type { FlowTracer } from './tracer';

export interface EcforceDriverOptions {
  /** The cart login's browser context (one persistent profile per login in the app). */
  context: BrowserContext;
  /** The admin site's origin, e.g. https://shop.ec-force.com (the /admin paths are added). */
  baseUrl: string;
  login: Credentials;
  /** Failed flows leave a folder here with a screenshot, the trace and error.json. */
  artifactsDir: string;
  /** 決済方法 for created orders when the input names none. */
  defaultPaymentMethod?: string;
  /** How long an element may take to appear on a loaded page (default 5 s). */
  elementTimeoutMs?: number;
  /** How long a page may take to load (default 30 s). */
  navigationTimeoutMs?: number;
  /** false when the caller traces the context itself (default true). */
  trace?: boolean;
  log?: (line: string) => void;
  now?: () => Date;
}

export interface EcforceDriver extends CartDriver {
  /** The tab the driver works in, once it has opened one. */
  page(): Page | null;
  close(): Promise<void>;
}

const RUNNING: Record<string, CartSubscriptionStatus> = { 有効: 'running', 停止: 'stopped', キャンセル: 'cancelled' };

/** The ecforce admin driver: CartDriver on playwright-core, one page object per admin screen. */
export function createEcforceDriver(options: EcforceDriverOptions): EcforceDriver {
  const redact = createRedactor([options.login.password]);
  const log = (line: string) => (options.log ?? (() => undefined))(redact(line));
  const now = options.now ?? (() => new Date());
  const paymentDefault = options.defaultPaymentMethod ?? '代金引換';
  let page: Page | null = null;
  let deps: ScreenDeps | null = null;
  let keeper: SessionKeeper | null = null;
  // Outlives the tab: what the site showed stays true when a new tab is opened.
  const memory = createScreenMemory();
  const lookups = new Lookups(memory, log);

  const screens = async (): Promise<{ deps: ScreenDeps; keeper: SessionKeeper }> => {
    if (deps && keeper && page && !page.isClosed()) return { deps, keeper };
    deps = await openAdminPage(options.context, {
      baseUrl: options.baseUrl,
      elementTimeoutMs: options.elementTimeoutMs ?? 5_000,
      navigationTimeoutMs: options.navigationTimeoutMs ?? 30_000,
      memory,
    });
    page = deps.page;
    keeper = new SessionKeeper(deps, options.login, log, redact);
    return { deps, keeper };
  };

  const runFlow = createFlowRunner({
    context: options.context,
    page: () => page,
    deps: () => deps,
    artifactsDir: options.artifactsDir,
    trace: options.trace ?? true,
    redact,
    log,
    now,
  });

  /** A traced flow, signed in first (untraced). */
  const flow = <T>(name: string, body: (tools: { deps: ScreenDeps; keeper: SessionKeeper; tracer: FlowTracer }) => Promise<T>) =>
    runFlow(name, async (tracer) => {
      const tools = await screens();
      await tools.keeper.ensure(tracer);
      await tracer.start();
      log(`ecforce: ${name}`);
      return body({ ...tools, tracer });
    });

  return {
    page: () => page,

    async close() {
      if (page && !page.isClosed()) await page.close();
      page = null;
      deps = null;
      keeper = null;
    },

    login: () =>
      runFlow('login', async (tracer) => {
        const tools = await screens();
        tools.keeper.forget();
        await tools.keeper.signIn(tracer);
      }),

    async findCustomer(customerNumber) {
      requireText(customerNumber, 'customerNumber');
      return flow('findCustomer', ({ deps: d, keeper: k, tracer }) =>
        k.withSession(tracer, async (): Promise<CartCustomerRef> => {
          const create = new OrderCreatePage(d);
          await create.searchByCustomerNumber(customerNumber);
          const hit = await create.customer(customerNumber);
          return { customerNumber: hit.customerNumber, name: hit.name, phone: hit.phone, customerId: hit.customerId };
        }),
      );
    },

    async createOrder(input: CreateOrderInput) {
      requireText(input.customerNumber, 'customerNumber');
      requireText(input.productCode, 'productCode');
      requireText(input.productName, 'productName');
      if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > 99) {
        throw businessError('invalid_input', messages.invalidInput(inputDetails.quantityOutOfRange(input.quantity)));
      }
      if (!isUsableMarker(input.marker)) throw businessError('invalid_input', messages.invalidInput(inputDetails.markerUnusable));
      const paymentMethod = input.paymentMethod ?? paymentDefault;
      return flow('createOrder', async ({ deps: d, keeper: k, tracer }) => {
        const existing = await k.withSession(tracer, () => lookups.orderByMarker(d, input.customerNumber, input.marker));
        if (existing) {
          log(`ecforce: 目印 ${input.marker} の受注 ${existing.orderNumber} が既にあるため作成しません`);
          return existing;
        }
        // findCustomer usually saw the customer's 注文画面へ already; the confirmation checks the customer.
        const formAddress =
          memory.orderForms.get(input.customerNumber) ??
          (await k.withSession(tracer, async () => {
            const create = new OrderCreatePage(d);
            await create.searchByCustomerNumber(input.customerNumber);
            const address = (await create.goToOrderForm(input.customerNumber)).address();
            memory.orderForms.set(input.customerNumber, address);
            return address;
          }));
        return k.withSession(tracer, async (attempt): Promise<CartOrderRef> => {
          if (attempt > 0) {
            // The session ended somewhere in this step; make sure 確定 did not get through first.
            const made = await lookups.orderByMarker(d, input.customerNumber, input.marker);
            if (made) return made;
          }
          const form = new OrderFormPage(d);
          if (attempt > 0 || d.page.url() !== formAddress) await form.reopen(formAddress);
          else await form.verify();
          await form.searchProduct(input.productCode);
          await form.chooseProduct(input.productCode, input.productName);
          await form.fill({ quantity: input.quantity, paymentMethod, memo: input.marker });
          const confirmation = await form.toConfirmation();
          const summary = await confirmation.summary();
          const expected = { customerNumber: input.customerNumber, productCode: input.productCode, productName: input.productName, quantity: input.quantity };
          const differs = (Object.keys(expected) as Array<keyof typeof expected>).filter((key) => summary[key] !== expected[key]);
          if (differs.length > 0) {
            throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('orderConfirm'), pageDetails.confirmationDiffers(listOf(differs.map(fieldOf)))));
          }
          input.beforeConfirm?.();
          const detail = await confirmation.confirm();
          const facts = await detail.orderFacts();
          log(`ecforce: 受注 ${facts.orderNumber} を作成しました`);
          const created = { orderNumber: facts.orderNumber, orderId: facts.orderId, subscriptionNumber: facts.subscriptionNumber };
          lookups.rememberOrder(created);
          return created;
        });
      });
    },

    async findOrderByMarker(customerNumber, marker) {
      requireText(customerNumber, 'customerNumber');
      if (!isUsableMarker(marker)) throw businessError('invalid_input', messages.invalidInput(inputDetails.markerUnusable));
      return flow('findOrderByMarker', ({ deps: d, keeper: k, tracer }) => k.withSession(tracer, () => lookups.orderByMarker(d, customerNumber, marker)));
    },

    async listSubscriptions(customerNumber) {
      requireText(customerNumber, 'customerNumber');
      return flow('listSubscriptions', ({ deps: d, keeper: k, tracer }) =>
        k.withSession(tracer, async (): Promise<CartSubscriptionRef[]> => {
          const list = new SubscriptionListPage(d);
          await list.search({ customerNumber });
          const rows = (await list.allRows()).filter((row) => row.customerNumber === customerNumber);
          return rows.map((row) => {
            lookups.rememberSubscription(row.number, row.id);
            const status = RUNNING[row.status];
            if (!status) throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('subscriptionList'), pageDetails.unknownStatus(row.status)));
            return { id: row.id, number: row.number, productCode: row.productCode, productName: row.productName, status, orderCount: row.orderCount };
          });
        }),
      );
    },

    async stopSubscription(subscriptionId) {
      if (!/^\d+$/.test(subscriptionId)) throw businessError('invalid_input', messages.invalidInput(inputDetails.subscriptionIdInvalid(subscriptionId)));
      return flow('stopSubscription', ({ deps: d, keeper: k, tracer }) =>
        k.withSession(tracer, async () => {
          const detail = new SubscriptionDetailPage(d);
          try {
            await detail.open(subscriptionId);
          } catch (error) {
            if (error instanceof NotFoundSignal) throw businessError('subscription_not_found', messages.subscriptionNotFound(subscriptionId));
            throw error;
          }
          const facts = await detail.subscriptionFacts();
          if (facts.status === '停止') {
            log(`ecforce: 定期受注 ${facts.number} は既に停止しています`);
            return;
          }
          if (facts.status === 'キャンセル') throw businessError('subscription_cancelled', messages.subscriptionCancelled(facts.number));
          if (facts.status !== '有効') throw applicationError('unexpected_page', messages.unexpectedPage(screenOf('subscriptionDetail'), pageDetails.unknownStatus(facts.status)));
          await detail.stop();
          log(`ecforce: 定期受注 ${facts.number} を停止しました`);
        }),
      );
    },

    async writeMemo(orderNumber, text) {
      requireText(orderNumber, 'orderNumber');
      requireText(text, 'memoText');
      return flow('writeMemo', ({ deps: d, keeper: k, tracer }) =>
        k.withSession(tracer, async () => {
          const detail = await lookups.order(d, orderNumber);
          const memo = appendToMemo(await detail.memo(), text);
          if (memo === null) {
            log(`ecforce: 受注 ${orderNumber} の受注備考欄には既に書き込み済みです`);
            return;
          }
          await detail.saveMemo(memo);
          log(`ecforce: 受注 ${orderNumber} の受注備考欄に書き込みました`);
        }),
      );
    },

    async writeSubscriptionMemo(subscriptionNumber, text) {
      requireText(subscriptionNumber, 'subscriptionNumber');
      requireText(text, 'memoText');
      return flow('writeSubscriptionMemo', ({ deps: d, keeper: k, tracer }) =>
        k.withSession(tracer, async () => {
          const detail = await lookups.subscription(d, subscriptionNumber);
          const memo = appendToMemo(await detail.memo(), text);
          if (memo === null) {
            log(`ecforce: 定期受注 ${subscriptionNumber} の定期受注備考欄には既に書き込み済みです`);
            return;
          }
          await detail.saveMemo(memo);
          log(`ecforce: 定期受注 ${subscriptionNumber} の定期受注備考欄に書き込みました`);
        }),
      );
    },
  };
}

function requireText(value: string, what: FieldCode): void {
  if (typeof value !== 'string' || value.trim() === '') throw businessError('invalid_input', messages.invalidInput(inputDetails.empty(fieldOf(what))));
}
