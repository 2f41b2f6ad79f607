import { z } from 'zod';
import { replicaRecoverySchema, type ReplicaRefusal } from '../../db/replica-refusal';
import { handler } from '../registry';

export interface ReplicaStatus {
  /** Why the replica was refused; null when the core opened it. */
  damaged: ReplicaRefusal | null;
}

export interface ReplicaRecoverResult {
  /** True when the app starts its core again with staff's choice. */
  restarting: boolean;
}

/**
 * A core that answers is one whose replica opened, so here the replica is never damaged and a
 * choice has nothing to act on. When the core refused a damaged replica it cannot answer at all;
 * the desktop app's main process then answers these two itself (electron/main/replica-choice.ts)
 * and starts the core again with staff's choice.
 */
export const replicaHandlers = {
  'replica.status': handler(z.object({}), (): ReplicaStatus => ({ damaged: null })),
  'replica.recover': handler(z.object({ choice: replicaRecoverySchema }), (): ReplicaRecoverResult => ({ restarting: false })),
};
