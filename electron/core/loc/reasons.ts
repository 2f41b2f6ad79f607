import type { Reason, ReasonParam } from '../../../automation/cart-driver';

export type { Reason, ReasonParam };

/**
 * Reasons the core itself gives for a change of a request, by name. Their Japanese text is the
 * one written beside them (for the cloud and the logs); the screens say them from the catalogs
 * (detail.reasons), each under the same name, and the driver's own messages under theirs.
 */
export const coreReasons = {
  /** Staff finished the request: the completion status, and the note when they wrote one. */
  completedByStaff: (completionStatus: string, note: string | null): Reason =>
    note ? { key: 'completedByStaffWithNote', params: [completionStatus, note] } : { key: 'completedByStaff', params: [completionStatus] },
  retryByStaff: (): Reason => ({ key: 'retryByStaff', params: [] }),
  stopRequested: (): Reason => ({ key: 'stopRequested', params: [] }),
  stoppedByStaff: (): Reason => ({ key: 'stoppedByStaff', params: [] }),
  /** The robot tried as often as it may; the last failure's reason follows. */
  gaveUp: (attempts: number, last: Reason | string): Reason => ({ key: 'gaveUp', params: [attempts, last] }),
  /** A cross-sell done: the order made, or the one an earlier attempt made and this one took over, and for whom. */
  orderCreated: (orderNumber: string, customerName: string): Reason => ({ key: 'orderCreated', params: [orderNumber, customerName] }),
  orderAdopted: (orderNumber: string, customerName: string): Reason => ({ key: 'orderAdopted', params: [orderNumber, customerName] }),
  subscriptionsStopped: (numbers: readonly string[]): Reason => ({ key: 'subscriptionsStopped', params: [coreReasons.list(numbers)] }),
  /** What staff should know although the robot went on (the cart's name differs from the member's). */
  notice: (what: Reason): Reason => ({ key: 'notice', params: [what] }),
  /** Sentences said one after another, and items listed, each with the viewer's language's punctuation. */
  sentences: (...parts: Reason[]): Reason => ({ key: 'sentences', params: parts }),
  list: (items: readonly string[]): Reason => ({ key: 'list', params: [...items] }),
  /** A LINE send began and its outcome is unknown, longer ago than LINE's retry key holds: when it began, in Japan time. */
  lineSendUnknown: (startedAt: string): Reason => ({ key: 'lineSendUnknown', params: [startedAt] }),
  requestMissingLocally: (requestId: number): Reason => ({ key: 'requestMissingLocally', params: [requestId] }),
  pausedForNight: (requestId: number): Reason => ({ key: 'pausedForNight', params: [requestId] }),
  pausedForSleep: (requestId: number): Reason => ({ key: 'pausedForSleep', params: [requestId] }),
  leaseMoved: (requestId: number): Reason => ({ key: 'leaseMoved', params: [requestId] }),
  leaseExpired: (requestId: number): Reason => ({ key: 'leaseExpired', params: [requestId] }),
  resumedAfterRestart: (): Reason => ({ key: 'resumedAfterRestart', params: [] }),
  /** A run a previous process began and never finished. */
  robotInterrupted: (): Reason => ({ key: 'robotInterrupted', params: [] }),
  /** The cloud says the request was finished elsewhere. */
  doneInCloud: (): Reason => ({ key: 'doneInCloud', params: [] }),
  /**
   * The cloud refused a change made here: who made it (a staff member by name, or this
   * workstation's robot), what it was, and the cloud's code for why (the screens say it as
   * 同期状況 does).
   */
  refusedByCloud: (who: string | Reason, change: Reason, code: string): Reason => ({ key: 'refusedByCloud', params: [who, change, code] }),
  robotOn: (workstation: string): Reason => ({ key: 'robotOn', params: [workstation] }),
  someStaff: (): Reason => ({ key: 'someStaff', params: [] }),
  reopenChange: (): Reason => ({ key: 'reopenChange', params: [] }),
  robotResultChange: (): Reason => ({ key: 'robotResultChange', params: [] }),
  statusChange: (): Reason => ({ key: 'statusChange', params: [] }),
};

/** The columns a reason is stored in beside its text: its name and its parameters as JSON. */
export function reasonColumns(reason: Reason | null | undefined): { reasonKey: string | null; reasonParams: string | null } {
  return reason ? { reasonKey: reason.key, reasonParams: JSON.stringify(reason.params) } : { reasonKey: null, reasonParams: null };
}

/** A stored reason read back; null when it has none or what is stored is not one (older rows). */
export function readReason(key: string | null | undefined, params: string | null | undefined): Reason | null {
  if (!key) return null;
  try {
    const parsed = JSON.parse(params ?? '[]') as unknown;
    return Array.isArray(parsed) ? { key, params: parsed as ReasonParam[] } : null;
  } catch {
    return null;
  }
}
