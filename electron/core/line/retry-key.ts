import { v5 as uuidv5 } from 'uuid';

/**
 * Tanto's namespace for retry keys. Fixed forever: changing it would give a request that was
 * accepted before an upgrade a new key, and its retry would message the customer twice.
 */
export const LINE_RETRY_KEY_NAMESPACE = '6f1d8a4e-3b2c-4e5f-9a7b-2c8d1e0f4a63';

/**
 * The X-Line-Retry-Key for one message of one LOC request. It is derived, not stored, so a
 * retry after a crash computes the same key and LINE answers 409 instead of sending again.
 * `purpose` names which message of the request it is (e.g. "cross-sell-confirmation").
 */
export function lineRetryKey(requestId: string | number, purpose: string): string {
  const id = typeof requestId === 'number' ? checkedNumber(requestId) : requestId.trim();
  if (id.length === 0) throw new TypeError('lineRetryKey needs a request id');
  if (purpose.trim().length === 0) throw new TypeError('lineRetryKey needs a purpose');
  // A JSON pair keeps ("1:a", "b") and ("1", "a:b") apart.
  return uuidv5(JSON.stringify([id, purpose]), LINE_RETRY_KEY_NAMESPACE);
}

function checkedNumber(value: number): string {
  if (!Number.isSafeInteger(value)) throw new TypeError('lineRetryKey needs an integer request id');
  return String(value);
}
