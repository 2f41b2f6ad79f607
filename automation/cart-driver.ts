/**
 * What the robot needs from a cart admin site (design.md §4). One driver per site implements it
 * on playwright-core; selectors stay inside the driver's page objects.
 */
export interface CartCustomerRef {
  customerNumber: string;
  name: string;
}

export interface CartOrderRef {
  orderNumber: string;
}

export interface CartSubscriptionRef {
  id: string;
  productCode: string;
  status: 'running' | 'stopped';
}

export interface CartDriver {
  login(): Promise<void>;
  findCustomer(customerNumber: string): Promise<CartCustomerRef>;
  createOrder(input: {
    customerNumber: string;
    productCode: string;
    productName: string;
    quantity: number;
    marker: string;
  }): Promise<CartOrderRef>;
  findOrderByMarker(customerNumber: string, marker: string): Promise<CartOrderRef | null>;
  listSubscriptions(customerNumber: string): Promise<CartSubscriptionRef[]>;
  stopSubscription(subscriptionId: string): Promise<void>;
  writeMemo(orderNumber: string, text: string): Promise<void>;
}

/**
 * Business errors need a person (the robot never retries them); application errors are the
 * site or the network misbehaving and are retried with backoff up to a bound.
 */
export type DriverErrorKind = 'business' | 'application';

export class DriverError extends Error {
  override readonly name = 'DriverError';
  constructor(
    readonly kind: DriverErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
