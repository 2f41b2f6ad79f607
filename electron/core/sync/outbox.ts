import type { Statement } from 'better-sqlite3';
import { v4 as uuidv4, validate as isUuid } from 'uuid';
import type { Db } from '../db/open';
import { isoNow, systemClock, type Clock } from '../clock';
import type { CloudClient } from './cloud-client';
import { retryTransient, type RetryOptions } from './backoff';
import { isMutationKind, mutationPayloads, type MutationKind, type MutationPayload } from './mutation-schemas';
import type { RejectedOperation } from './types';
import { writeSyncState } from './sync-state';

export type EnqueueInput =
  | { [K in MutationKind]: { kind: K; payload: MutationPayload<K>; opId?: string } }[MutationKind]
  | { kind: string; payload: unknown; opId?: string };

/**
 * Records an operation the cloud must learn about. Call it inside the transaction that makes
 * the local change, so the change and its operation commit together or not at all.
 * Returns the operation id; a replay with the same id is harmless on the cloud's side.
 */
export function enqueueOperation(db: Db, input: EnqueueInput, clock: Clock = systemClock): string {
  const opId = input.opId ?? uuidv4();
  if (!isUuid(opId)) throw new TypeError(`operation id ${JSON.stringify(opId)} is not a UUID`);
  if (isMutationKind(input.kind)) {
    const parsed = mutationPayloads[input.kind].safeParse(input.payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TypeError(`invalid ${input.kind} payload${issue ? ` at ${issue.path.join('.') || '(root)'}: ${issue.message}` : ''}`);
    }
  }
  statementsFor(db).insert.run(opId, input.kind, JSON.stringify(input.payload), isoNow(clock));
  return opId;
}

export interface PushOptions {
  clock: Clock;
  batchSize?: number;
  retry?: RetryOptions;
}

export interface PushOutcome {
  /** Applied now or found already applied (a replay after a crash). */
  pushed: number;
  rejected: number;
  /** Still pending when the push stopped: the cloud left some operations unanswered. */
  remaining: number;
}

interface OutboxRow {
  seq: number;
  op_id: string;
  kind: string;
  payload: string;
}

interface OutboxStatements {
  insert: Statement;
  batch: Statement;
  remove: Statement;
  reject: Statement;
  failed: Statement;
  pending: Statement;
  rejected: Statement;
}

const cache = new WeakMap<Db, OutboxStatements>();

function statementsFor(db: Db): OutboxStatements {
  let s = cache.get(db);
  if (!s) {
    s = {
      insert: db.prepare('INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, ?)'),
      batch: db.prepare("SELECT seq, op_id, kind, payload FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?"),
      remove: db.prepare('DELETE FROM outbox WHERE op_id = ?'),
      reject: db.prepare(
        "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, rejected_reason = ?, rejected_at = ? WHERE op_id = ?",
      ),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?'),
      pending: db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck(),
      rejected: db.prepare(
        `SELECT op_id AS opId, kind, rejected_reason AS reason, rejected_at AS rejectedAt
         FROM outbox WHERE state = 'rejected' ORDER BY seq`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

export function pendingCount(db: Db): number {
  return statementsFor(db).pending.get() as number;
}

/** Rejected operations stay in the outbox, visible, until someone deals with them. */
export function rejectedOperations(db: Db): RejectedOperation[] {
  return statementsFor(db).rejected.all() as RejectedOperation[];
}

/**
 * Sends pending operations oldest first, in batches. Applied and duplicate answers remove the
 * row; a rejection is kept with its reason; a transient failure is retried with backoff and
 * counted on the rows, and if it outlasts the retries the push stops with that error.
 */
export async function pushOutbox(db: Db, client: CloudClient, options: PushOptions): Promise<PushOutcome> {
  const s = statementsFor(db);
  const batchSize = options.batchSize ?? 100;
  let pushed = 0;
  let rejected = 0;
  for (;;) {
    const rows = s.batch.all(batchSize) as OutboxRow[];
    if (rows.length === 0) break;
    const operations = rows.map((r) => ({ opId: r.op_id, kind: r.kind, payload: JSON.parse(r.payload) as unknown }));
    const results = await retryTransient(() => client.postMutations(operations), {
      ...options.retry,
      onFailure: (error) => {
        const message = (error as Error).message ?? String(error);
        db.transaction(() => {
          for (const row of rows) s.failed.run(message, row.seq);
        })();
      },
    });
    const now = isoNow(options.clock);
    const answered = new Set<string>();
    db.transaction(() => {
      for (const result of results) {
        answered.add(result.opId);
        if (result.status === 'rejected') {
          if (s.reject.run(result.reason ?? 'rejected without a reason', now, result.opId).changes > 0) rejected += 1;
        } else if (s.remove.run(result.opId).changes > 0) {
          pushed += 1;
        }
      }
      writeSyncState(db, 'last_push_at', now);
    })();
    if (rows.some((r) => !answered.has(r.op_id))) break;
  }
  return { pushed, rejected, remaining: pendingCount(db) };
}
