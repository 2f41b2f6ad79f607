import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';
import { isoNow, type Clock } from '../clock';
import type { EventBus } from '../events';
import { changeEnvelope, isEntity, type ChangesPage, type Entity } from './change-schemas';
import { writersFor, type Touched, type Writers } from './entity-writers';
import { feedSchemas } from './feed-schemas';
import { readCursor, writeSyncState } from './sync-state';
import type { QuarantineCause } from './types';

export interface ApplyOptions {
  clock: Clock;
  events?: EventBus;
}

export interface PageOutcome {
  applied: number;
  quarantined: number;
  /** Changes at or below the stored cursor: already applied by an earlier pull. */
  skipped: number;
  cursor: number;
  head: number;
}

interface PageStatements {
  savepoint: Statement;
  release: Statement;
  rollback: Statement;
  quarantine: Statement;
  membersOfCustomers: Statement;
  writers: Writers;
}

const cache = new WeakMap<Db, PageStatements>();

function statementsFor(db: Db): PageStatements {
  let s = cache.get(db);
  if (!s) {
    s = {
      savepoint: db.prepare('SAVEPOINT change'),
      release: db.prepare('RELEASE change'),
      rollback: db.prepare('ROLLBACK TO change'),
      quarantine: db.prepare(
        'INSERT INTO quarantined_changes (seq, entity, op, raw, reason, cause, quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      membersOfCustomers: db
        .prepare('SELECT DISTINCT member_id FROM cart_customers WHERE id IN (SELECT value FROM json_each(?))')
        .pluck(),
      writers: writersFor(db),
    };
    cache.set(db, s);
  }
  return s;
}

/**
 * Applies one page of the feed and advances the stored cursor in the same transaction, so a
 * crash leaves either the whole page and its cursor or neither. Each change runs under its own
 * savepoint: one that fails validation or a constraint is quarantined and the rest still apply.
 */
export function applyPage(db: Db, page: ChangesPage, options: ApplyOptions): PageOutcome {
  const s = statementsFor(db);
  const now = isoNow(options.clock);
  const touched: Touched = { memberIds: new Set(), locIds: new Set(), cartCustomerIds: new Set(), tagRuleIds: new Set() };

  const outcome = db.transaction((): PageOutcome => {
    const from = readCursor(db);
    let applied = 0;
    let quarantined = 0;
    let skipped = 0;
    let lastSeq = from;
    const quarantine = (seq: number, entity: unknown, op: unknown, raw: unknown, cause: QuarantineCause, reason: string) => {
      s.quarantine.run(seq, typeof entity === 'string' ? entity : null, typeof op === 'string' ? op : null, safeJson(raw), reason, cause, now);
      quarantined += 1;
    };

    for (const raw of page.changes) {
      const envelope = changeEnvelope.safeParse(raw);
      if (!envelope.success) {
        const loose = (raw ?? {}) as { seq?: unknown; entity?: unknown; op?: unknown };
        const seq = typeof loose.seq === 'number' && Number.isInteger(loose.seq) ? loose.seq : lastSeq;
        quarantine(seq, loose.entity, loose.op, raw, 'malformed', `malformed change: ${firstIssue(envelope.error.issues)}`);
        continue;
      }
      const { seq, entity, op, data } = envelope.data;
      if (seq <= from) {
        skipped += 1;
        continue;
      }
      lastSeq = Math.max(lastSeq, seq);
      if (!isEntity(entity)) {
        quarantine(seq, entity, op, raw, 'unknown_entity', `unknown entity "${entity}"`);
        continue;
      }
      const parsed = feedSchemas[entity][op].safeParse(data);
      if (!parsed.success) {
        quarantine(seq, entity, op, raw, 'invalid', `invalid ${entity} ${op}: ${firstIssue(parsed.error.issues)}`);
        continue;
      }
      s.savepoint.run();
      try {
        write(s.writers, entity, op, parsed.data, touched, now);
        s.release.run();
        applied += 1;
      } catch (error) {
        s.rollback.run();
        s.release.run();
        if (!isDataError(error)) throw error;
        quarantine(seq, entity, op, raw, 'refused', `${entity} ${op} refused by the database: ${(error as Error).message}`);
      }
    }

    const cursor = Math.max(from, page.next, lastSeq);
    writeSyncState(db, 'cursor', String(cursor));
    writeSyncState(db, 'head', String(Math.max(page.head, cursor)));
    if (touched.cartCustomerIds.size > 0) {
      for (const id of s.membersOfCustomers.all(JSON.stringify([...touched.cartCustomerIds])) as number[]) touched.memberIds.add(id);
    }
    return { applied, quarantined, skipped, cursor, head: Math.max(page.head, cursor) };
  })();

  if (options.events) {
    if (touched.memberIds.size > 0) options.events.emit('members.changed', { ids: [...touched.memberIds].sort((a, b) => a - b) });
    if (touched.locIds.size > 0) options.events.emit('loc.changed', { ids: [...touched.locIds].sort((a, b) => a - b) });
    if (touched.tagRuleIds.size > 0) options.events.emit('tagRules.changed', { ids: [...touched.tagRuleIds].sort((a, b) => a - b) });
  }
  return outcome;
}

function write(writers: Writers, entity: Entity, op: 'upsert' | 'delete', data: unknown, touched: Touched, now: string): void {
  const writer = writers[entity] as { upsert(d: unknown, t: Touched, n: string): void; delete(d: unknown, t: Touched, n: string): void };
  if (op === 'upsert') writer.upsert(data, touched, now);
  else writer.delete(data, touched, now);
}

/** Constraint and type failures belong to the change; anything else (disk, locking) stops the page. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG');
}

function firstIssue(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  const issue = issues[0];
  if (!issue) return 'unreadable';
  const where = issue.path.map(String).join('.');
  return where ? `${where}: ${issue.message}` : issue.message;
}

function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}
