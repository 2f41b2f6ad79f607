import { DriverError, FlowAborted, type Reason } from '../../../automation/cart-driver';

/**
 * A failure the robot found itself (not the cart or LINE): missing setup, unusable data. Its
 * message is Japanese; its reason, when given, is the same by name (reasons.<key>) for the screens.
 */
export class RobotError extends Error {
  override readonly name = 'RobotError';
  readonly reason: Reason | null;
  constructor(
    readonly kind: 'business' | 'application',
    message: string,
    options?: { cause?: unknown; reason?: Reason },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.reason = options?.reason ?? null;
  }
}

/** The lease on the request was lost or can no longer be trusted: someone else may work it now; stop at once. */
export class LeaseLostError extends FlowAborted {
  override readonly name = 'LeaseLostError';
  constructor(
    message: string,
    /** The message as data, for the journal the screens read. */
    readonly reason: Reason | null = null,
  ) {
    super(message);
  }
}

/** Staff asked the robot to stop the request; honoured at a step boundary before anything is ordered. */
export class StopRequestedError extends FlowAborted {
  override readonly name = 'StopRequestedError';
}

/** The message of anything the robot or a driver threw, as data, when it was given as one. */
export function reasonOf(error: unknown): Reason | null {
  return error instanceof DriverError || error instanceof RobotError || error instanceof LeaseLostError || error instanceof PausedError ? error.reason : null;
}

/**
 * Business errors go to a person at once; everything else (the site, the network, the cloud,
 * LINE being unwell, or a bug) is retried with backoff up to a bound.
 */
export function classify(error: unknown): 'business' | 'application' {
  return error instanceof DriverError || error instanceof RobotError ? error.kind : 'application';
}

/**
 * The robot was paused under a request: the PC is going to sleep (its lease is given back at
 * once and nothing more is done), or the night window closed (at a step boundary, before the
 * flow's point of no return). Either way the request goes back to the queue, to resume at the
 * first step not known to be done.
 */
export class PausedError extends FlowAborted {
  override readonly name = 'PausedError';
  constructor(
    readonly why: 'suspend' | 'night_end',
    message: string,
    readonly reason: Reason | null = null,
  ) {
    super(message);
  }
}
