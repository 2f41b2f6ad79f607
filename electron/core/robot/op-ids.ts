import { v5 as uuidv5 } from 'uuid';

/**
 * The robot's outbox operations get ids derived from the request, so that even a finish that
 * were somehow run twice would enqueue the same ids (refused by the outbox's UNIQUE op_id) and
 * the cloud would answer a replay as a duplicate. Fixed forever, like the LINE retry key namespace.
 */
const ROBOT_OPERATION_NAMESPACE = '3c0f6a52-8d71-4b8e-a1f4-5e2b9c7d0a18';

export function robotOperationId(requestId: number, purpose: string): string {
  return uuidv5(JSON.stringify([requestId, purpose]), ROBOT_OPERATION_NAMESPACE);
}
