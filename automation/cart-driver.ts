/**
 * What the robot needs from a cart admin site (design.md §4). One driver per site implements it
 * on playwright-core; selectors stay inside the driver's page objects.
 */
export interface CartCustomerRef {
  customerNumber: string;
  name: string;
  /** The phone number as the site shows it (any form: hyphens, full-width digits, +81); empty when it shows none. */
  phone: string;
  /** The site's internal customer ID, when the site shows one. */
  customerId?: string;
}

export interface CartOrderRef {
  /** The number shown to the customer (ecforce: 受注番号, 10 digits). */
  orderNumber: string;
  /** The site's internal ID, when the site shows one. */
  orderId?: string;
  /**
   * The subscription this order started or belongs to (ecforce: 定期受注番号), null when the
   * order has none; absent when the site does not say.
   */
  subscriptionNumber?: string | null;
}

export type CartSubscriptionStatus = 'running' | 'stopped' | 'cancelled';

export interface CartSubscriptionRef {
  /** What stopSubscription takes: the site's internal ID. */
  id: string;
  /** The number staff see (ecforce: 定期受注番号). */
  number?: string;
  productCode: string;
  productName?: string;
  status: CartSubscriptionStatus;
  /** How many orders the subscription has produced (ecforce: 定期内受注数). */
  orderCount?: number;
}

export interface CreateOrderInput {
  customerNumber: string;
  productCode: string;
  /** Must match the site's product master exactly, as must the code. */
  productName: string;
  quantity: number;
  /** TANTO:<request id>, written into the order so a retry finds it instead of ordering twice. */
  marker: string;
  /** The site's payment method label; the driver's default when omitted. */
  paymentMethod?: string;
  /**
   * Called just before the order is confirmed on the site, the last moment it can still not
   * exist. Whatever it throws ends the call as it is (e.g. the robot's lease ran out).
   */
  beforeConfirm?: () => void;
}

export interface CartDriver {
  login(): Promise<void>;
  findCustomer(customerNumber: string): Promise<CartCustomerRef>;
  /**
   * Creates the order with the marker in it. Idempotent: when an order of this customer
   * already carries the marker, that order is returned and nothing is created.
   */
  createOrder(input: CreateOrderInput): Promise<CartOrderRef>;
  findOrderByMarker(customerNumber: string, marker: string): Promise<CartOrderRef | null>;
  listSubscriptions(customerNumber: string): Promise<CartSubscriptionRef[]>;
  /** Moves a running subscription to stopped; one already stopped is left as it is. */
  stopSubscription(subscriptionId: string): Promise<void>;
  /** Appends to the order's memo, keeping what is there; text already present is not added twice. */
  writeMemo(orderNumber: string, text: string): Promise<void>;
  /**
   * Appends to the subscription's memo (ecforce: 定期受注備考欄), found by the number staff see,
   * with writeMemo's rules: what is there stays, text already present is not added twice.
   */
  writeSubscriptionMemo(subscriptionNumber: string, text: string): Promise<void>;
}

/**
 * Business errors need a person (the robot never retries them); application errors are the
 * site or the network misbehaving and are retried with backoff up to a bound.
 */
export type DriverErrorKind = 'business' | 'application';

export type DriverErrorCode =
  // business
  | 'customer_not_found'
  | 'customer_ambiguous'
  | 'customer_mismatch'
  | 'message_too_long'
  | 'product_not_found'
  | 'product_name_mismatch'
  | 'permission_denied'
  | 'login_rejected'
  | 'order_rejected'
  | 'order_not_found'
  | 'subscription_not_found'
  | 'subscription_cancelled'
  | 'invalid_input'
  // application
  | 'timeout'
  | 'server_error'
  | 'session_expired'
  | 'request_rejected'
  | 'unexpected_page'
  | 'network'
  | 'unknown';

/** Where a failed flow left its evidence: a screenshot and Playwright trace files. */
export interface DriverArtifacts {
  dir: string;
  screenshot: string | null;
  /** The flow's trace, in parts when it was paused (around a sign-in) before failing. */
  traces: string[];
}

/**
 * A message as data: its name among the driver's messages and its parameters in the order the
 * message takes them (a parameter may itself be a message), so staff screens can say it in the
 * viewer's language while the error's text stays Japanese for the cloud and the logs.
 */
export interface Reason {
  key: string;
  params: ReadonlyArray<ReasonParam>;
}

export type ReasonParam = string | number | Reason;

export class DriverError extends Error {
  override readonly name = 'DriverError';
  readonly code: DriverErrorCode;
  /** The message as data, when it is one of the driver's named messages. */
  readonly reason: Reason | null;
  /** Set by the driver when the failed flow's screenshot and trace were saved. */
  artifacts: DriverArtifacts | null;
  constructor(
    readonly kind: DriverErrorKind,
    message: string,
    options?: { cause?: unknown; code?: DriverErrorCode; artifacts?: DriverArtifacts; reason?: Reason | null },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = options?.code ?? (kind === 'business' ? 'invalid_input' : 'unknown');
    this.reason = options?.reason ?? null;
    this.artifacts = options?.artifacts ?? null;
  }
}

/**
 * Thrown by the robot from inside a driver call (beforeConfirm) to stop it: the driver passes it
 * on unchanged, not classified as a site failure and without saving evidence.
 */
export class FlowAborted extends Error {
  override readonly name: string = 'FlowAborted';
}

export function isDriverError(error: unknown): error is DriverError {
  return error instanceof DriverError;
}
