import { v5 as uuidv5 } from 'uuid';

/**
 * The robot's outbox operations get ids derived from the request's uid (the cloud's identity
 * of it, unique across shops and clouds), so even a finish that were somehow run twice would
 * enqueue the same ids (refused by the outbox's UNIQUE op_id) and the cloud would answer a replay
 * as a duplicate. `purpose` says which operation it is and, where it must happen once per
 * attempt or per run, names the attempt or the run. Fixed forever, like the LINE retry key namespace.
 */
const ROBOT_OPERATION_NAMESPACE = '3c0f6a52-8d71-4b8e-a1f4-5e2b9c7d0a18';

export function robotOperationId(requestUid: string, purpose: string): string {
  if (requestUid.trim() === '') throw new TypeError('robotOperationId needs the request uid');
  return uuidv5(JSON.stringify([requestUid, purpose]), ROBOT_OPERATION_NAMESPACE);
}

/** Purposes that happen once per attempt of a request. */
export const attemptPurpose = (generation: number, purpose: string) => `attempt:${generation}:${purpose}`;

/** Purposes that happen once per run (a status report, a failure). */
export const runPurpose = (runUid: string, purpose: string) => `run:${runUid}:${purpose}`;
