import type { Db } from '../db/open';
import type { LocDetail, LocTransition, RobotRun } from '../db/queries/loc';
import { readWorkstationName } from '../instance/workstation-name';
import { readReason, type Reason } from './reasons';
import { workOf } from './transitions';

export type LabelledTransition = LocTransition & {
  reasonData: Reason | null;
  /** Who, by name: the robot by this workstation's name, staff by the name they gave (null when none). */
  actorName: string | null;
};

export type LabelledDetail = Omit<LocDetail, 'transitions' | 'work' | 'runs'> & {
  transitions: LabelledTransition[];
  work: (NonNullable<LocDetail['work']> & { reasonData: Reason | null }) | null;
  runs: Array<RobotRun & { errorReason: Reason | null }>;
};

/**
 * A request's detail with every reason as data beside its text, and who acted by name. The
 * journal is this replica's own, so a robot in it is this workstation's robot, named as the shop
 * named the workstation now.
 */
export function withReasons(db: Db, detail: LocDetail): LabelledDetail {
  const journal = db
    .prepare('SELECT reason_key AS key, reason_params AS params FROM loc_transitions WHERE loc_request_id = ? ORDER BY id')
    .all(detail.id) as Array<{ key: string | null; params: string | null }>;
  const work = db.prepare('SELECT reason_key AS key, reason_params AS params FROM loc_work WHERE loc_request_id = ?').get(detail.id) as
    | { key: string | null; params: string | null }
    | undefined;
  const runErrors = new Map(
    (db.prepare('SELECT id, error_key AS key, error_params AS params FROM robot_runs WHERE loc_request_id = ?').all(detail.id) as Array<{
      id: number;
      key: string | null;
      params: string | null;
    }>).map((r) => [r.id, readReason(r.key, r.params)]),
  );
  const robotName = readWorkstationName(db).name;
  return {
    ...detail,
    transitions: detail.transitions.map((tr, i) => ({
      ...tr,
      reasonData: readReason(journal[i]?.key, journal[i]?.params),
      actorName: tr.actor === 'robot' ? robotName : tr.actor === 'staff' ? tr.actorDetail?.trim() || null : null,
    })),
    // The work row's status as workOf reads it: one that follows the cloud says what the cloud says.
    work: detail.work ? { ...detail.work, status: workOf(db, detail.id)?.status ?? detail.work.status, reasonData: readReason(work?.key, work?.params) } : null,
    runs: detail.runs.map((run) => ({ ...run, errorReason: runErrors.get(run.id) ?? null })),
  };
}
