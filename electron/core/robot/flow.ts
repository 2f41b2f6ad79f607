import type { CartDriver, Reason } from '../../../automation/cart-driver';
import type { Clock } from '../clock';
import type { Db } from '../db/open';
import type { LineClient } from '../line/client';
import type { completionStatuses } from '../sync/change-schemas';
import type { EnqueueInput } from '../sync/outbox';
import type { StepEntry } from './journal';

/** The request a flow works on, as the engine knows it. */
export interface RequestRef {
  id: number;
  /** The cloud's identity of the request: markers, retry keys and operation ids derive from it. */
  uid: string;
  kind: string;
  memberId: number;
  requestedAt: string;
  /** The attempt: 1, one more at every reopen. */
  generation: number;
}

/** Where a step is: begun, its effect made but not yet journaled, journaled as done. */
export type CheckpointPhase = 'started' | 'acted' | 'journaled';
export type Checkpoint = (step: string, phase: CheckpointPhase, requestId: number) => void | Promise<void>;

export interface StepInfo {
  /** This attempt began the step before and never journaled it done: its effect may exist. */
  resumed: boolean;
  /** The step's journal entries before this run of it, over every attempt, oldest first. */
  earlier: StepEntry[];
}

/** What the engine gives a flow while it runs one request. */
export interface FlowContext {
  readonly request: RequestRef;
  readonly db: Db;
  readonly clock: Clock;
  readonly line: LineClient | null;
  /**
   * Runs one journaled step: skipped with its recorded result when this attempt has done it;
   * otherwise the lease and any stop request are checked, it is journaled as begun, run, and
   * journaled as done with what it returns (which must be JSON).
   */
  step<T>(name: string, body: (info: StepInfo) => Promise<T>): Promise<T>;
  /** Throws once the lease can no longer be trusted; for checks inside a step (before a cart confirms). */
  assertLease(): void;
  /** The worker's cart driver for a cart login, throttled per site. */
  cart(loginRef: string | null): Promise<CartDriver>;
  /** Waits (a bounded pause, e.g. before searching again for what a killed run may have made). */
  pause(ms: number): Promise<void>;
}

export type CompletionStatus = (typeof completionStatuses)[number];

/** A local change and its outbox operations, made in the engine's finishing transaction. */
export type Enqueue = (purpose: string, input: EnqueueInput) => void;

/** A reason staff read: its Japanese text, and the same as a message by name so the screens say it in the viewer's language. */
export interface SaidReason {
  text: string;
  reason: Reason;
}

export interface FlowFinish {
  /** One line for staff: what the robot did. */
  summary: string;
  /** The same line as data (its message's name and parameters), so each viewer reads it in their language. */
  summaryReason?: Reason;
  /** The completion status the request is finished with (the flow's config says which). */
  completionStatus?: CompletionStatus;
}

/**
 * One kind of LOC request (cross-sell, cancellation, ...) as the engine runs it. The engine owns
 * the queue, leases, journal, retries, stop requests and outcomes; a flow owns its steps and what
 * finishing means for it. A new kind is a new flow, never a change to the engine.
 */
export interface Flow<Job = unknown, Facts = unknown> {
  kind: string;
  /** The steps in order, `finish` last (the finishing transaction). The screens label them from the catalogs. */
  steps: readonly string[];
  /**
   * The first step that changes what a customer is charged or sent (e.g. create_order). Staff may
   * stop the robot only before it has begun in the attempt; after, what it made must be finished.
   */
  pointOfNoReturn: string | null;
  /** Everything the flow needs about the request, from the replica. Throws RobotError('business') when unusable. */
  load(db: Db, request: RequestRef): Job;
  /**
   * Decided once, before the first run of an attempt does anything: a reason for not working the
   * request at all (a repeat tap), which ends it as needs_manual with that reason, or null.
   */
  skip?(db: Db, request: RequestRef, job: Job, now: Date): string | SaidReason | null;
  run(ctx: FlowContext, job: Job): Promise<Facts>;
  /**
   * Inside the engine's finishing transaction, with the request's status and result: the flow's
   * own outbox operations (tags, usage, ...), each named by a purpose the engine turns into an id.
   */
  finish(request: RequestRef, job: Job, facts: Facts, enqueue: Enqueue, clock: Clock): FlowFinish;
}

export type AnyFlow = Flow<any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface FlowRegistry {
  get(kind: string): AnyFlow | undefined;
  kinds(): string[];
  /** Every step name of every flow, for the screens' labels. */
  all(): readonly AnyFlow[];
}

/** The flows a robot runs, keyed by the request kind each serves; two flows for one kind are refused. */
export function createFlowRegistry(flows: readonly AnyFlow[]): FlowRegistry {
  const byKind = new Map<string, AnyFlow>();
  for (const flow of flows) {
    if (byKind.has(flow.kind)) throw new Error(`two robot flows for the request kind "${flow.kind}"`);
    if (flow.steps.at(-1) !== 'finish') throw new Error(`the robot flow for "${flow.kind}" must end with its finish step`);
    byKind.set(flow.kind, flow);
  }
  return {
    get: (kind) => byKind.get(kind),
    kinds: () => [...byKind.keys()],
    all: () => [...byKind.values()],
  };
}
