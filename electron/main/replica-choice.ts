import { z } from 'zod';
import type { ReplicaRecoverResult, ReplicaStatus } from '../core/api/handlers/replica';
import type { CallOutcome } from '../core/api/registry';
import { replicaRecoverySchema, type ReplicaRecovery, type ReplicaRefusal } from '../core/db/replica-refusal';

const recoverArgs = z.object({ choice: replicaRecoverySchema });

/**
 * The two calls the main process answers itself while the core refuses a damaged replica: the
 * core cannot answer, and staff's choice has to reach a core started anew. replica.status says
 * what the core found; replica.recover hands the choice to the supervisor, which starts the core
 * again with it. Every other call keeps its `unavailable` answer.
 */
export function answerWhileDamaged(
  name: string,
  args: unknown,
  refusal: ReplicaRefusal,
  choose: (choice: ReplicaRecovery) => void,
): CallOutcome | null {
  if (name === 'replica.status') return { result: { damaged: refusal } satisfies ReplicaStatus };
  if (name !== 'replica.recover') return null;
  const parsed = recoverArgs.safeParse(args);
  if (!parsed.success) return { error: { kind: 'invalid_argument', message: 'replica.recover takes { choice: "restore-backup" | "start-fresh" }.' } };
  if (parsed.data.choice === 'restore-backup' && !refusal.backup) {
    return { error: { kind: 'conflict', message: 'There is no backup to restore.' } };
  }
  choose(parsed.data.choice);
  return { result: { restarting: true } satisfies ReplicaRecoverResult };
}
