import type { Clock } from '../clock';
import { isoNow } from '../clock';
import type { Db } from '../db/open';
import { readReason, type Reason } from '../loc/reasons';
import { lastEndedNight, readNightWindow, type Night } from '../night/night-window';
import { billingPeriod } from '../robot/period';
import { shopTimeZone, type ShopTimeZone } from '../shop/time-zone';

/** A request the robot handed to a person during the night, and why. */
export interface NeedsManualItem {
  requestId: number;
  memberName: string | null;
  /** The reason as data when it was kept so (the screens word it), and the text it was written with. */
  reason: Reason | null;
  text: string | null;
}

/** What the robot did in one night, as staff read it the next morning. */
export interface MorningReport {
  id: number;
  nightStart: string;
  nightEnd: string;
  timeZone: ShopTimeZone;
  /** Requests the robot worked during the night, whatever became of them. */
  processed: number;
  done: number;
  /** Handed to a person, for a reason other than a repeat tap. */
  needsManual: number;
  /** Repeat taps of a config already done, refused rather than ordered twice. */
  duplicatesRefused: number;
  /** Not finished: they wait for another attempt. */
  retrying: number;
  /** From the first request begun to the last one finished. */
  workMs: number;
  usage: { night: number; period: string; periodDone: number };
  needsManualItems: NeedsManualItem[];
  madeAt: string;
  seenAt: string | null;
}

interface RunRow {
  requestId: number;
  startedAt: string;
  finishedAt: string;
  outcome: 'done' | 'failed_retryable' | 'needs_manual';
  errorMessage: string | null;
  errorKey: string | null;
  errorParams: string | null;
  memberName: string | null;
}

/**
 * The night's figures from the robot's journal: every run begun in the night (one begun just
 * before its end may finish after it), each request counted once by how its last run of the night
 * ended; a hand-over counts as a duplicate when the robot refused it as a repeat (the 'repeat'
 * transition). Usage is the successes billed.
 */
export function summarizeNight(db: Db, night: Night): Omit<MorningReport, 'id' | 'timeZone' | 'madeAt' | 'seenAt'> {
  const [from, to] = [night.start.toISOString(), night.end.toISOString()];
  const runs = db
    .prepare(
      `SELECT r.loc_request_id AS requestId, r.started_at AS startedAt, r.finished_at AS finishedAt, r.outcome,
              r.error_message AS errorMessage, r.error_key AS errorKey, r.error_params AS errorParams, m.display_name AS memberName
         FROM robot_runs r
         LEFT JOIN loc_requests q ON q.id = r.loc_request_id
         LEFT JOIN members m ON m.id = q.member_id
        WHERE r.finished_at IS NOT NULL AND r.started_at >= ? AND r.started_at < ?
        ORDER BY r.finished_at, r.id`,
    )
    .all(from, to) as RunRow[];
  const repeatedAt = new Map(
    (db.prepare(`SELECT loc_request_id AS id, max(at) AS at FROM loc_transitions WHERE event = 'repeat' AND at >= ? GROUP BY loc_request_id`).all(from) as Array<{ id: number; at: string }>).map(
      (r) => [r.id, r.at],
    ),
  );
  const refusedAsRepeat = (run: RunRow) => (repeatedAt.get(run.requestId) ?? '') >= run.startedAt;
  const last = new Map<number, RunRow>();
  for (const run of runs) last.set(run.requestId, run);
  const report = { processed: last.size, done: 0, needsManual: 0, duplicatesRefused: 0, retrying: 0, needsManualItems: [] as NeedsManualItem[] };
  for (const run of last.values()) {
    if (run.outcome === 'done') report.done += 1;
    else if (run.outcome === 'failed_retryable') report.retrying += 1;
    else if (refusedAsRepeat(run)) report.duplicatesRefused += 1;
    else {
      report.needsManual += 1;
      report.needsManualItems.push({ requestId: run.requestId, memberName: run.memberName, reason: readReason(run.errorKey, run.errorParams), text: run.errorMessage });
    }
  }
  const begun = runs.map((r) => Date.parse(r.startedAt));
  const ended = runs.map((r) => Date.parse(r.finishedAt));
  const workMs = runs.length ? Math.max(0, Math.max(...ended) - Math.max(night.start.getTime(), Math.min(...begun))) : 0;
  const period = billingPeriod(new Date(night.end.getTime() - 1));
  // Successes of the billing period up to the night's end; a period is at most a month long.
  const inPeriod = db
    .prepare(`SELECT finished_at FROM robot_runs WHERE outcome = 'done' AND finished_at < ? AND finished_at >= ?`)
    .pluck()
    .all(to, new Date(night.end.getTime() - 32 * 86_400_000).toISOString()) as string[];
  return {
    nightStart: from,
    nightEnd: to,
    ...report,
    workMs,
    usage: { night: report.done, period, periodDone: inPeriod.filter((at) => billingPeriod(new Date(at)) === period).length },
  };
}

interface ReportRow {
  id: number;
  night_start: string;
  night_end: string;
  time_zone: ShopTimeZone;
  processed: number;
  done: number;
  needs_manual: number;
  duplicates_refused: number;
  retrying: number;
  work_ms: number;
  usage_done: number;
  usage_period: string;
  usage_period_done: number;
  needs_manual_items: string;
  made_at: string;
  seen_at: string | null;
}

function fromRow(row: ReportRow): MorningReport {
  return {
    id: row.id,
    nightStart: row.night_start,
    nightEnd: row.night_end,
    timeZone: row.time_zone,
    processed: row.processed,
    done: row.done,
    needsManual: row.needs_manual,
    duplicatesRefused: row.duplicates_refused,
    retrying: row.retrying,
    workMs: row.work_ms,
    usage: { night: row.usage_done, period: row.usage_period, periodDone: row.usage_period_done },
    needsManualItems: JSON.parse(row.needs_manual_items) as NeedsManualItem[],
    madeAt: row.made_at,
    seenAt: row.seen_at,
  };
}

/** Records the night's report once; a night already reported keeps the report it has. */
export function recordMorningReport(db: Db, night: Night, clock: Clock): MorningReport {
  const summary = summarizeNight(db, night);
  db.prepare(
    `INSERT INTO morning_reports (night_start, night_end, time_zone, processed, done, needs_manual, duplicates_refused, retrying, work_ms,
       usage_done, usage_period, usage_period_done, needs_manual_items, made_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (night_start) DO NOTHING`,
  ).run(
    summary.nightStart,
    summary.nightEnd,
    shopTimeZone(db),
    summary.processed,
    summary.done,
    summary.needsManual,
    summary.duplicatesRefused,
    summary.retrying,
    summary.workMs,
    summary.usage.night,
    summary.usage.period,
    summary.usage.periodDone,
    JSON.stringify(summary.needsManualItems),
    isoNow(clock),
  );
  return fromRow(db.prepare('SELECT * FROM morning_reports WHERE night_start = ?').get(summary.nightStart) as ReportRow);
}

/**
 * The report of the last night that has ended, made now if the PC was off or asleep when it ended
 * (the night's journal is all there). Null while night mode is off and no night was ever reported.
 */
export function latestMorningReport(db: Db, clock: Clock): MorningReport | null {
  const window = readNightWindow(db);
  if (window.enabled) {
    const night = lastEndedNight(window, shopTimeZone(db), clock.now());
    const robotEver = db.prepare('SELECT 1 FROM robot_runs LIMIT 1').pluck().get() !== undefined;
    // A window changed since is not a new night over the hours of one already reported.
    const overlapping = db.prepare('SELECT 1 FROM morning_reports WHERE night_start < ? AND night_end > ?').pluck().get(night.end.toISOString(), night.start.toISOString()) !== undefined;
    if (robotEver && !overlapping) recordMorningReport(db, night, clock);
  }
  const row = db.prepare('SELECT * FROM morning_reports ORDER BY night_start DESC LIMIT 1').get() as ReportRow | undefined;
  return row ? fromRow(row) : null;
}

/** The reports kept, newest night first. */
export function listMorningReports(db: Db, limit: number, offset: number): { items: MorningReport[]; total: number } {
  const rows = db.prepare('SELECT * FROM morning_reports ORDER BY night_start DESC LIMIT ? OFFSET ?').all(limit, offset) as ReportRow[];
  return { items: rows.map(fromRow), total: db.prepare('SELECT count(*) FROM morning_reports').pluck().get() as number };
}

/** Staff read it: it is not shown by itself again. */
export function markMorningReportSeen(db: Db, id: number, clock: Clock): boolean {
  return db.prepare('UPDATE morning_reports SET seen_at = coalesce(seen_at, ?) WHERE id = ?').run(isoNow(clock), id).changes > 0;
}
