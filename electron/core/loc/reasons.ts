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
