import type { Statement } from 'better-sqlite3';
import { v4 as uuidv4, validate as isUuid } from 'uuid';
import type { Db } from '../db/open';
import { isoNow, systemClock, type Clock } from '../clock';
import { CloudError, type CloudClient } from './cloud-client';
import { retryTransient, type RetryOptions } from './backoff';
import {
  isMutationKind,
  mutationPayloads,
  type MutationKind,
  type MutationPayload,
  type MutationResult,
} from './mutation-schemas';
import { followCloudAfterRefusal } from '../loc/cloud-refusal';
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
  /** LOC requests whose change the cloud refused, now showing what the cloud says (loc/cloud-refusal.ts). */
  refusedRequests: number[];
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
  refuse: Statement;
  failed: Statement;
  pending: Statement;
  pendingPayloads: Statement;
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
        "UPDATE outbox SET state = 'rejected', attempts = attempts + 1, rejected_reason = ?, rejected_code = ?, rejected_at = ? WHERE op_id = ?",
      ),
      refuse: db.prepare("UPDATE outbox SET state = 'rejected', rejected_reason = ?, rejected_code = ?, rejected_at = ? WHERE op_id = ? AND state = 'pending'"),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?'),
      pending: db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck(),
      pendingPayloads: db.prepare("SELECT kind, payload FROM outbox WHERE state = 'pending'"),
      rejected: db.prepare(
        `WITH r AS (
           SELECT seq, op_id, kind, rejected_reason, rejected_code, rejected_at, CASE WHEN json_valid(payload) THEN payload ELSE '{}' END AS p
           FROM outbox WHERE state = 'rejected'
         )
         SELECT r.op_id AS opId, r.kind, r.rejected_reason AS reason, r.rejected_code AS code, r.rejected_at AS rejectedAt,
           json_extract(r.p, '$.requestId') AS requestId, json_extract(r.p, '$.status') AS status,
           json_extract(r.p, '$.memberId') AS memberId, m.display_name AS memberName,
           json_extract(r.p, '$.tagId') AS tagId, t.name AS tagName,
           json_extract(r.p, '$.id') AS entityId, json_extract(r.p, '$.name') AS entityName,
           json_extract(r.p, '$.period') AS period, json_extract(r.p, '$.count') AS count
         FROM r
         LEFT JOIN members m ON m.id = json_extract(r.p, '$.memberId')
         LEFT JOIN tags t ON t.id = json_extract(r.p, '$.tagId')
         ORDER BY r.seq`,
      ),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * The server-state rows that operations still waiting to be sent will change, keyed as the pull
 * keys the changes it holds aside (engine.ts): "loc_request:12", "member_tag:34:5". Operations
 * that change no replica row (usage counts) have no key.
 */
export function pendingRowKeys(db: Db): Set<string> {
  const keys = new Set<string>();
  for (const row of statementsFor(db).pendingPayloads.iterate() as Iterable<{ kind: string; payload: string }>) {
    const key = rowKeyOfOperation(row.kind, row.payload);
    if (key) keys.add(key);
  }
  return keys;
}

function rowKeyOfOperation(kind: string, payload: string): string | null {
  let p: { requestId?: unknown; memberId?: unknown; tagId?: unknown; id?: unknown };
  try {
    p = (JSON.parse(payload) ?? {}) as typeof p;
  } catch {
    return null;
  }
  switch (kind) {
    case 'loc.setStatus':
    case 'loc.reopen':
    case 'robot.runResult':
      return `loc_request:${String(p.requestId)}`;
    case 'memberTag.add':
    case 'memberTag.remove':
      return `member_tag:${String(p.memberId)}:${String(p.tagId)}`;
    case 'crosssellConfig.save':
    case 'crosssellConfig.delete':
      return p.id === undefined ? null : `crosssell_config:${String(p.id)}`;
    case 'tagRule.save':
    case 'tagRule.delete':
      return p.id === undefined ? null : `tag_rule:${String(p.id)}`;
    default:
      return null;
  }
}

export function pendingCount(db: Db): number {
  return statementsFor(db).pending.get() as number;
}

interface RejectedRow {
  opId: string;
  kind: string;
  reason: string | null;
  code: string | null;
  rejectedAt: string | null;
  requestId: unknown;
  status: unknown;
  memberId: unknown;
  memberName: string | null;
  tagId: unknown;
  tagName: string | null;
  entityId: unknown;
  entityName: unknown;
  period: unknown;
  count: unknown;
}

const idOf = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const textOf = (value: unknown) => (typeof value === 'string' ? value : null);

/**
 * Rejected operations stay in the outbox, visible, until someone deals with them. Each comes with
 * what it was about (the ids in its payload, and the member's and tag's names as the replica has
 * them) so staff can tell which request or member it concerned.
 */
export function rejectedOperations(db: Db): RejectedOperation[] {
  return (statementsFor(db).rejected.all() as RejectedRow[]).map((r) => ({
    opId: r.opId,
    kind: r.kind,
    reason: r.reason ?? 'rejected without a reason',
    code: r.code,
    rejectedAt: r.rejectedAt ?? '',
    subject: {
      requestId: idOf(r.requestId),
      status: textOf(r.status),
      memberId: idOf(r.memberId),
      memberName: r.memberName,
      tagId: idOf(r.tagId),
      tagName: r.tagName,
      entityId: idOf(r.entityId),
      entityName: textOf(r.entityName),
      period: textOf(r.period),
      count: idOf(r.count),
    },
  }));
}

/**
 * A whole batch refused with this status may be the fault of one operation in it, so the batch
 * is split to find it. 401/403 mean the token is wrong and 404/405 that the address is: no
 * operation is to blame, and splitting would refuse every one of them. 407/408/429 are the
 * network's or the cloud's load (408 and 429 already count as transient).
 */
export function blamesAnOperation(error: unknown): error is CloudError & { status: number } {
  if (!(error instanceof CloudError) || error.kind !== 'permanent' || error.status === null) return false;
  const { status } = error;
  return status >= 400 && status < 500 && ![401, 403, 404, 405, 407, 408, 429].includes(status);
}

/** The cloud's reason for refusing a lone operation: its HTTP status, error code and message. */
function refusalReason(error: CloudError & { status: number }): string {
  const said = /failed with HTTP \d+: ([\s\S]*)$/.exec(error.message)?.[1];
  const head = error.code ? `HTTP ${error.status} ${error.code}` : `HTTP ${error.status}`;
  return said ? `${head}: ${said}` : head;
}

/**
 * Sends pending operations oldest first, in batches. Applied and duplicate answers remove the
 * row; a rejection is kept with its reason. When the cloud refuses a whole batch (a 4xx that
 * blames its content, such as one operation it cannot parse) the batch is sent again in halves,
 * down to single operations, so only the operation the cloud refuses on its own is rejected, with
 * the cloud's status and message, and the others go through in their order. A transient failure
 * is retried with backoff and counted on the rows; if it outlasts the retries, or the token is
 * refused (401/403), the push stops with that error and nothing is rejected.
 */
export async function pushOutbox(db: Db, client: CloudClient, options: PushOptions): Promise<PushOutcome> {
  const s = statementsFor(db);
  const batchSize = options.batchSize ?? 100;
  let pushed = 0;
  let rejected = 0;
  const refusedRequests = new Set<number>();
  /** A refused operation stops being applied to what it changed, in the transaction that records the refusal. */
  const undo = (row: OutboxRow, code: string | null, reason: string, at: string) => {
    const id = followCloudAfterRefusal(db, { opId: row.op_id, kind: row.kind, payload: row.payload, code, reason }, at);
    if (id !== null) refusedRequests.add(id);
  };

  /** Sends rows and records their answers; false when the cloud left one unanswered. */
  async function send(rows: OutboxRow[]): Promise<boolean> {
    const operations = rows.map((r) => ({ opId: r.op_id, kind: r.kind, payload: JSON.parse(r.payload) as unknown }));
    let results: MutationResult[];
    try {
      results = await retryTransient(() => client.postMutations(operations), {
        ...options.retry,
        onFailure: (error) => {
          const message = (error as Error).message ?? String(error);
          db.transaction(() => {
            for (const row of rows) s.failed.run(message, row.seq);
          })();
        },
      });
    } catch (error) {
      if (!blamesAnOperation(error)) throw error;
      if (rows.length === 1) {
        // The failed attempt is already counted on the row.
        const now = isoNow(options.clock);
        db.transaction(() => {
          const reason = refusalReason(error);
          if (s.refuse.run(reason, error.code ?? null, now, rows[0]!.op_id).changes > 0) {
            rejected += 1;
            undo(rows[0]!, error.code ?? null, reason, now);
          }
          writeSyncState(db, 'last_push_at', now);
        })();
        return true;
      }
      const half = Math.ceil(rows.length / 2);
      return (await send(rows.slice(0, half))) && (await send(rows.slice(half)));
    }
    const now = isoNow(options.clock);
    const answered = new Set<string>();
    const sent = new Map(rows.map((r) => [r.op_id, r]));
    db.transaction(() => {
      for (const result of results) {
        answered.add(result.opId);
        if (result.status === 'rejected') {
          const reason = result.reason ?? 'rejected without a reason';
          if (s.reject.run(reason, result.code ?? null, now, result.opId).changes > 0) {
            rejected += 1;
            const row = sent.get(result.opId);
            if (row) undo(row, result.code ?? null, reason, now);
          }
        } else if (s.remove.run(result.opId).changes > 0) {
          pushed += 1;
        }
      }
      writeSyncState(db, 'last_push_at', now);
    })();
    return rows.every((r) => answered.has(r.op_id));
  }

  for (;;) {
    const rows = s.batch.all(batchSize) as OutboxRow[];
    if (rows.length === 0) break;
    if (!(await send(rows))) break;
  }
  return { pushed, rejected, remaining: pendingCount(db), refusedRequests: [...refusedRequests].sort((a, b) => a - b) };
}
