import type { Db } from '../open';
import { memberTextTerm } from './members';
import { offsetOf, type Page, type PageRequest } from './paging';

export const locSortFields = ['requestedAt', 'updatedAt', 'status', 'id'] as const;
export type LocSortField = (typeof locSortFields)[number];

const sortColumn: Record<LocSortField, string> = {
  requestedAt: 'r.requested_at',
  updatedAt: 'r.updated_at',
  status: 'r.status',
  id: 'r.id',
};

export interface LocListRequest extends PageRequest {
  status?: string[];
  kind?: string[];
  /** Inclusive lower and exclusive upper bound on requested_at (or completed_at), ISO-8601. */
  from?: string;
  to?: string;
  /** The completed list bounds when a request was finished, the date it shows. */
  dateField?: 'requestedAt' | 'completedAt';
  crosssellConfigId?: number;
  /** true: only finished requests (the 完了したLOC申請 list); false: only open ones; absent: both. */
  completed?: boolean;
  /** Only requests finished by a robot, or by staff. */
  finishedBy?: FinisherKind;
  /** A member's LINE display name, name, kana or phone, LINE user id, cart customer number, memo, or the request id. */
  search?: string;
  sort: { field: LocSortField; direction: 'asc' | 'desc' };
}

export interface LocSummary {
  id: number;
  memberId: number;
  memberDisplayName: string;
  kind: string;
  crosssellConfigId: number | null;
  crosssellConfigName: string | null;
  productName: string | null;
  status: string;
  completionStatus: string | null;
  robotResult: string | null;
  requestedAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** The completion note, or the robot's or staff's note on an open request. */
  note: string | null;
  /** Who finished a done request: a robot or staff, null when not done or not recorded. */
  finishedBy: FinisherKind | null;
  /** The finishing robot's workstation name, or the staff member's name as they gave it. */
  finishedByName: string | null;
}

export type FinisherKind = 'robot' | 'staff';

/** A request's newest unsent operation, as the cloud will apply it (sandbox/cloud/mutations.ts). */
interface PendingLoc {
  kind: 'loc.setStatus' | 'loc.reopen' | 'robot.runResult';
  status: string;
  completionStatus: string | null;
  note: string | null;
  finishedBy: { kind: FinisherKind; name: string | null } | null;
  queuedAt: string;
}

/**
 * What the screens show is server state with this workstation's unsent operations applied on
 * top (design §2), so a request staff just finished or reopened, or the robot just reported on,
 * moves list at once rather than after the next sync. Only a request's newest pending operation
 * counts; a rejected one is not applied, as the cloud refused it. The outbox is small (it empties
 * on every sync), so this is read whole and applied here rather than joined to every row; its
 * own index passes over the tag operations a night offline can pile up beside them (with no
 * statistics, SQLite would pick the index on state and read those too).
 */
function pendingLocOperations(db: Db): Map<number, PendingLoc> {
  const rows = db
    .prepare(
      `SELECT kind, payload, created_at AS queuedAt FROM outbox INDEXED BY outbox_pending_loc
       WHERE state = 'pending' AND kind IN ('loc.setStatus', 'loc.reopen', 'robot.runResult') ORDER BY seq`,
    )
    .all() as Array<{ kind: PendingLoc['kind']; payload: string; queuedAt: string }>;
  const pending = new Map<number, PendingLoc>();
  for (const row of rows) {
    const p = JSON.parse(row.payload) as {
      requestId: number;
      status?: string;
      outcome?: string;
      completionStatus?: string | null;
      note?: string | null;
      reason?: string;
      finishedBy?: PendingLoc['finishedBy'];
    };
    const status = row.kind === 'loc.reopen' ? 'needs_manual' : row.kind === 'loc.setStatus' ? p.status! : p.outcome!;
    pending.set(p.requestId, {
      kind: row.kind,
      status,
      completionStatus: row.kind === 'loc.reopen' ? null : (p.completionStatus ?? null),
      // As the cloud records it: staff unless the operation says otherwise, a robot for a robot's result.
      finishedBy: status !== 'done' ? null : (p.finishedBy ?? { kind: row.kind === 'robot.runResult' ? 'robot' : 'staff', name: null }),
      note: row.kind === 'loc.reopen' ? (p.reason ?? null) : row.kind === 'loc.setStatus' ? (p.note ?? null) : null,
      queuedAt: row.queuedAt,
    });
  }
  return pending;
}

interface Overlaid {
  id: number;
  status: string;
  completionStatus: string | null;
  completedAt: string | null;
  note?: string | null;
  finishedBy: FinisherKind | null;
  finishedByName: string | null;
}

function withPending<T extends Overlaid>(
  row: T,
  pending: Map<number, PendingLoc>,
): T {
  const p = pending.get(row.id);
  if (!p) return row;
  const reopened = p.kind === 'loc.reopen';
  return {
    ...row,
    status: p.status,
    completionStatus: reopened ? null : (p.completionStatus ?? row.completionStatus),
    completedAt: p.status === 'done' ? (row.completedAt ?? p.queuedAt) : null,
    finishedBy: p.finishedBy?.kind ?? null,
    finishedByName: p.finishedBy?.name ?? null,
    ...('note' in row ? { note: reopened ? p.note : (p.note ?? row.note ?? null) } : {}),
  };
}

const summaryColumns = `r.id, r.member_id AS memberId, m.display_name AS memberDisplayName, r.kind,
  r.crosssell_config_id AS crosssellConfigId, c.name AS crosssellConfigName, c.product_name AS productName,
  r.status, r.completion_status AS completionStatus, r.robot_result AS robotResult,
  r.requested_at AS requestedAt, r.updated_at AS updatedAt, r.completed_at AS completedAt, r.note,
  r.finished_by AS finishedBy, r.finished_by_name AS finishedByName`;

// CROSS JOIN keeps loc_requests the outer loop: every filter is on r, and given an inner join
// the planner may start from members and sort the whole table for one page.
const summaryFrom = `FROM loc_requests r CROSS JOIN members m ON m.id = r.member_id
  LEFT JOIN crosssell_configs c ON c.id = r.crosssell_config_id`;

/**
 * The WHERE terms of a LOC list, shared by the page and the CSV export. Every term reads
 * loc_requests as r alone (members through subqueries), so the count needs no join.
 */
function locFilter(
  db: Db,
  request: Omit<LocListRequest, 'sort' | 'page' | 'pageSize'>,
  pending: Map<number, PendingLoc>,
): { clause: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const statusIs = statusTerm(pending, params);
  if (request.status && request.status.length > 0) {
    const wanted = request.status;
    params.status = JSON.stringify(wanted);
    where.push(statusIs('IN (SELECT value FROM json_each(@status))', (s) => wanted.includes(s)));
  }
  if (request.kind && request.kind.length > 0) {
    params.kind = JSON.stringify(request.kind);
    where.push('r.kind IN (SELECT value FROM json_each(@kind))');
  }
  const range = dateRangeTerm(request, pending, params);
  if (range) where.push(range);
  if (request.crosssellConfigId !== undefined) {
    params.config = request.crosssellConfigId;
    where.push('r.crosssell_config_id = @config');
  }
  if (request.completed !== undefined) {
    const done = request.completed;
    where.push(statusIs(done ? "= 'done'" : "<> 'done'", (s) => (s === 'done') === done));
  }
  if (request.finishedBy !== undefined) {
    params.finishedBy = request.finishedBy;
    where.push(finisherTerm(pending, params));
  }
  const search = searchTerm(db, request.search, params);
  if (search) where.push(search);
  return { clause: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * from/to on when a request was made, or on when it was finished. A request finished or reopened
 * here and not yet synced is judged by the completion time the screens show for it (withPending).
 */
function dateRangeTerm(
  request: Pick<LocListRequest, 'from' | 'to' | 'dateField'>,
  pending: Map<number, PendingLoc>,
  params: Record<string, unknown>,
): string | undefined {
  if (!request.from && !request.to) return undefined;
  const bounds: string[] = [];
  const column = request.dateField === 'completedAt' ? 'r.completed_at' : 'r.requested_at';
  if (request.from) {
    params.from = request.from;
    bounds.push(`${column} >= @from`);
  }
  if (request.to) {
    params.to = request.to;
    bounds.push(`${column} < @to`);
  }
  if (request.dateField !== 'completedAt' || pending.size === 0) return bounds.join(' AND ');
  const inRange = (at: string | null) => at !== null && (!request.from || at >= request.from) && (!request.to || at < request.to);
  const shown = [...pending].map(([id, p]) => ({ id, at: p.status === 'done' ? p.queuedAt : null }));
  params.pendingDatePass = JSON.stringify(shown.filter((p) => p.at !== null && inRange(p.at)).map((p) => p.id));
  params.pendingDateFail = JSON.stringify(shown.filter((p) => p.at === null).map((p) => p.id));
  return `((${bounds.join(' AND ')}) OR r.id IN (SELECT value FROM json_each(@pendingDatePass))) AND r.id NOT IN (SELECT value FROM json_each(@pendingDateFail))`;
}

/**
 * A test on a request's status as the screens show it. With nothing pending it is the plain
 * column test, which the status index serves; a request with a pending operation is judged
 * here by the status that operation gives it.
 */
function statusTerm(pending: Map<number, PendingLoc>, params: Record<string, unknown>) {
  let n = 0;
  return (sql: string, passes: (status: string) => boolean): string => {
    if (pending.size === 0) return `r.status ${sql}`;
    const pass = `pendingPass${n}`;
    const fail = `pendingFail${n++}`;
    params[pass] = JSON.stringify([...pending].filter(([, p]) => passes(p.status)).map(([id]) => id));
    params[fail] = JSON.stringify([...pending].filter(([, p]) => !passes(p.status)).map(([id]) => id));
    // An OR of two indexed terms and a short exclusion list keep the status index in use.
    return `((r.status ${sql} OR r.id IN (SELECT value FROM json_each(@${pass}))) AND r.id NOT IN (SELECT value FROM json_each(@${fail})))`;
  };
}

/** Finished by a robot or by staff, as the screens show it: a pending operation's finisher counts over the column. */
function finisherTerm(pending: Map<number, PendingLoc>, params: Record<string, unknown>): string {
  if (pending.size === 0) return 'r.finished_by = @finishedBy';
  params.finisherPass = JSON.stringify([...pending].filter(([, p]) => p.finishedBy?.kind === params.finishedBy).map(([id]) => id));
  params.finisherFail = JSON.stringify([...pending].filter(([, p]) => p.finishedBy?.kind !== params.finishedBy).map(([id]) => id));
  return `((r.finished_by = @finishedBy OR r.id IN (SELECT value FROM json_each(@finisherPass))) AND r.id NOT IN (SELECT value FROM json_each(@finisherFail)))`;
}

/**
 * Matches what staff typed as they typed it and NFKC-normalized (full-width letters and digits
 * folded), because the replica keeps ids and numbers as the cloud and the cart sent them; names
 * and phones are found as the member search finds them, and memos (the completion note, the
 * robot's or staff's note) as a plain substring.
 */
function searchTerm(db: Db, search: string | undefined, params: Record<string, unknown>): string | undefined {
  const typed = (search ?? '').trim();
  if (!typed) return undefined;
  const texts = [...new Set([typed, typed.normalize('NFKC')])];
  params.searchTexts = JSON.stringify(texts);
  const terms = [
    'r.member_id IN (SELECT id FROM members WHERE line_user_id IN (SELECT value FROM json_each(@searchTexts)))',
    'r.member_id IN (SELECT member_id FROM cart_customers WHERE customer_number IN (SELECT value FROM json_each(@searchTexts)))',
  ];
  const digits = texts.find((t) => /^\d{1,15}$/.test(t));
  if (digits) {
    params.searchId = Number(digits);
    terms.push('r.id = @searchId');
  }
  const member = memberTextTerm(db, typed, params, 'r.member_id');
  if (member) terms.push(member);
  texts.forEach((t, i) => (params[`searchNote${i}`] = `%${t.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  terms.push(`(${texts.map((_, i) => `r.note LIKE @searchNote${i} ESCAPE '\\'`).join(' OR ')})`);
  return `(${terms.join(' OR ')})`;
}

export function listLocRequests(db: Db, request: LocListRequest): Page<LocSummary> {
  const pending = pendingLocOperations(db);
  const { clause, params } = locFilter(db, request, pending);
  const direction = request.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const total = (db.prepare(`SELECT count(*) AS n FROM loc_requests r ${clause}`).get(params) as { n: number }).n;
  const items = db
    .prepare(
      `SELECT ${summaryColumns} ${summaryFrom} ${clause}
       ORDER BY ${sortColumn[request.sort.field]} ${direction}, r.id ${direction} LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: request.pageSize, offset: offsetOf(request) }) as LocSummary[];
  return { total, page: request.page, pageSize: request.pageSize, items: items.map((row) => withPending(row, pending)) };
}

export interface RunStep {
  id: number;
  step: string;
  state: string;
  startedAt: string;
  finishedAt: string | null;
  detail: string | null;
  screenshotPath: string | null;
  tracePath: string | null;
}

export interface RobotRun {
  id: number;
  attempt: number;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  errorKind: string | null;
  errorMessage: string | null;
  steps: RunStep[];
}

export interface LocTransition {
  fromStatus: string;
  toStatus: string;
  event: string;
  actor: 'robot' | 'staff' | 'cloud';
  actorDetail: string | null;
  reason: string | null;
  at: string;
}

export interface LocDetail extends LocSummary {
  member: { id: number; lineUserId: string; displayName: string; name: string | null; phone: string | null; email: string | null };
  cartCustomers: Array<{ id: number; cart: string; customerNumber: string; name: string | null }>;
  crosssellConfig: {
    id: number;
    name: string;
    cart: string;
    productName: string;
    productCode: string;
    kind: string;
    stopRunningSubscriptions: boolean;
  } | null;
  runs: RobotRun[];
  /** The robot's status for the request (its own view while it works), null if it never touched it. */
  work: { status: string; attempts: number; nextAttemptAt: string | null; reason: string | null } | null;
  /** Every status change this workstation made or saw, oldest first, with who made it. */
  transitions: LocTransition[];
}

export function getLocRequest(db: Db, id: number): LocDetail | undefined {
  const summary = db
    .prepare(`SELECT ${summaryColumns} ${summaryFrom} WHERE r.id = ?`)
    .get(id) as LocSummary | undefined;
  if (!summary) return undefined;
  const shown = withPending(summary, pendingLocOperations(db));
  const member = db
    .prepare(`SELECT id, line_user_id AS lineUserId, display_name AS displayName, name, phone, email FROM members WHERE id = ?`)
    .get(summary.memberId) as LocDetail['member'];
  const config = summary.crosssellConfigId
    ? (db
        .prepare(
          `SELECT id, name, cart, product_name AS productName, product_code AS productCode, kind,
                  stop_running_subscriptions AS stopRunningSubscriptions
           FROM crosssell_configs WHERE id = ?`,
        )
        .get(summary.crosssellConfigId) as (Omit<NonNullable<LocDetail['crosssellConfig']>, 'stopRunningSubscriptions'> & { stopRunningSubscriptions: number }) | undefined)
    : undefined;
  const runs = db
    .prepare(
      `SELECT id, attempt, started_at AS startedAt, finished_at AS finishedAt, outcome, error_kind AS errorKind,
              error_message AS errorMessage
       FROM robot_runs WHERE loc_request_id = ? ORDER BY id`,
    )
    .all(id) as Array<Omit<RobotRun, 'steps'>>;
  const steps = db.prepare(
    `SELECT id, step, state, started_at AS startedAt, finished_at AS finishedAt, detail,
            screenshot_path AS screenshotPath, trace_path AS tracePath
     FROM run_steps WHERE run_id = ? ORDER BY id`,
  );
  return {
    ...shown,
    member,
    cartCustomers: db
      .prepare(`SELECT id, cart, customer_number AS customerNumber, name FROM cart_customers WHERE member_id = ? ORDER BY id`)
      .all(summary.memberId) as LocDetail['cartCustomers'],
    crosssellConfig: config ? { ...config, stopRunningSubscriptions: config.stopRunningSubscriptions === 1 } : null,
    runs: runs.map((run) => ({ ...run, steps: steps.all(run.id) as RunStep[] })),
    work:
      (db
        .prepare(`SELECT status, attempts, next_attempt_at AS nextAttemptAt, reason FROM loc_work WHERE loc_request_id = ?`)
        .get(id) as LocDetail['work'] | undefined) ?? null,
    transitions: db
      .prepare(
        `SELECT from_status AS fromStatus, to_status AS toStatus, event, actor, actor_detail AS actorDetail, reason, at
         FROM loc_transitions WHERE loc_request_id = ? ORDER BY id`,
      )
      .all(id) as LocTransition[],
  };
}

/** One row of the LOC CSV export: the list's columns plus what a clerk checks in Excel. */
export interface LocExportRow {
  id: number;
  requestedAt: string;
  kind: string;
  status: string;
  completionStatus: string | null;
  completedAt: string | null;
  memberDisplayName: string;
  memberName: string | null;
  /** The member's cart customer numbers, space-separated. */
  customerNumbers: string | null;
  crosssellConfigName: string | null;
  productName: string | null;
  robotResult: string | null;
  note: string | null;
  finishedBy: FinisherKind | null;
  finishedByName: string | null;
}

/** Every request the list filters select, in the list's order, for export. */
export function exportLocRequests(db: Db, request: Omit<LocListRequest, 'page' | 'pageSize'>): LocExportRow[] {
  const pending = pendingLocOperations(db);
  const { clause, params } = locFilter(db, request, pending);
  const direction = request.sort.direction === 'asc' ? 'ASC' : 'DESC';
  const rows = db
    .prepare(
      `SELECT r.id, r.requested_at AS requestedAt, r.kind, r.status, r.completion_status AS completionStatus,
              r.completed_at AS completedAt, m.display_name AS memberDisplayName, m.name AS memberName,
              (SELECT group_concat(cc.customer_number, ' ') FROM cart_customers cc WHERE cc.member_id = m.id) AS customerNumbers,
              c.name AS crosssellConfigName, c.product_name AS productName, r.robot_result AS robotResult, r.note,
              r.finished_by AS finishedBy, r.finished_by_name AS finishedByName
       ${summaryFrom} ${clause}
       ORDER BY ${sortColumn[request.sort.field]} ${direction}, r.id ${direction}`,
    )
    .all(params) as LocExportRow[];
  return rows.map((row) => withPending(row, pending));
}
