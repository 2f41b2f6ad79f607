import { v4 as uuidv4 } from 'uuid';
import type { Db } from '../db/open';
import { shopTimeZone } from '../shop/time-zone';
import { heldBy, heldMessage, type LocalRobot } from './held-by';
import { transition, workOf } from './transitions';
import { enqueueOperation } from '../sync/outbox';

export interface StaffReopen {
  /** Why the finished request is opened again; kept in the journal and sent to the cloud as its note. */
  reason: string;
  staff?: string | null;
  at: string;
  robot?: LocalRobot | null;
}

export class ReopenRefused extends Error {
  override readonly name = 'ReopenRefused';
  constructor(
    readonly kind: 'unknown' | 'not_done' | 'held',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Staff open a finished request again: it goes back to needs_manual, audited with the reason, as
 * a new attempt (its journal and the robot's operation ids start afresh, so a retry really runs).
 */
export function reopenByStaff(db: Db, id: number, reopen: StaffReopen): void {
  db.transaction(() => {
    const work = workOf(db, id);
    if (!work) throw new ReopenRefused('unknown', `LOC 申請 ${id} はありません`);
    const held = heldBy(db, id, reopen.robot ?? null, new Date(reopen.at));
    if (held) throw new ReopenRefused('held', heldMessage(id, held, shopTimeZone(db)));
    if (work.status !== 'done') {
      throw new ReopenRefused('not_done', `LOC 申請 ${id} は「${work.status}」で完了していないため、再開できません`);
    }
    transition(db, id, 'reopen_by_staff', { actor: 'staff', actorDetail: reopen.staff ?? null, reason: reopen.reason, at: reopen.at });
    enqueueOperation(db, { kind: 'loc.reopen', payload: { requestId: id, reason: reopen.reason }, opId: uuidv4() });
  })();
}
