import type { DeliveredMessage } from './recorder';
import type { AcceptedPush } from './retry-keys';
import type { LineSandboxState } from './state';

/**
 * What LINE itself would still know at the next run of a kept demo shop: the messages it
 * delivered, the retry keys it accepted (LINE keeps them 24 hours, so a push resumed in the next
 * run is still answered 409 rather than sent again) and how many message ids it handed out.
 * Recorded requests, faults, rate limits and reply tokens belong to one run and start empty.
 */
export interface LineKeptState {
  delivered: DeliveredMessage[];
  retryKeys: Array<[string, AcceptedPush]>;
  /** A bigint as a decimal string, for JSON. */
  messageCount: string;
}

export function keepLineState(state: LineSandboxState): LineKeptState {
  return {
    delivered: state.recorder.deliveries(),
    retryKeys: state.retryKeys.entries(state.clock.now().getTime()),
    messageCount: state.messageCount().toString(),
  };
}

/** Puts a kept state back into a sandbox just started, before anything is sent to it. */
export function restoreLineState(state: LineSandboxState, kept: LineKeptState): void {
  state.recorder.restoreDeliveries(kept.delivered);
  for (const [key, accepted] of kept.retryKeys) state.retryKeys.remember(key, accepted);
  state.continueMessageIdsAfter(BigInt(kept.messageCount));
}
