import { z } from 'zod';
import type { Db } from '../../db/open';
import { exportLocRequests, getLocRequest, listLocRequests, locSortFields, type LocDetail } from '../../db/queries/loc';
import { withReasons, type LabelledDetail } from '../../loc/detail-reasons';
import { heldBy, type LocalRobot } from '../../loc/held-by';
import { workOf } from '../../loc/transitions';
import type { AnyFlow } from '../../robot/flow';
import { hasBegunInAttempt } from '../../robot/journal';
import { readWorkstationName } from '../../instance/workstation-name';
import { cp932Losses, csvEncodings, encodeCsv, locCsvRecords, locCsvText, type Cp932Loss } from '../../loc/loc-csv';
import { shopTimeZone } from '../../shop/time-zone';
import { ApiError } from '../errors';
import { handler } from '../registry';
import { paging } from './paging';

const isoDate = z.iso.datetime({ offset: true });

/** What the dashboard and the completed list filter by; the CSV export takes the same. */
const locFilters = {
  status: z.array(z.string().min(1)).max(20).optional(),
  kind: z.array(z.enum(['crosssell', 'upsell', 'cancel'])).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Which date from and to bound: when the request was made (default) or when it was finished. */
  dateField: z.enum(['requestedAt', 'completedAt']).optional(),
  crosssellConfigId: z.number().int().positive().optional(),
  /** true: the 完了したLOC申請 list; false: open requests only. */
  completed: z.boolean().optional(),
  /** Finished by a robot, or by staff. */
  finishedBy: z.enum(['robot', 'staff']).optional(),
  search: z.string().max(200).optional(),
  sort: z
    .object({ field: z.enum(locSortFields), direction: z.enum(['asc', 'desc']) })
    .default({ field: 'requestedAt', direction: 'desc' }),
};

function fromBeforeTo(a: { from?: string | undefined; to?: string | undefined }): boolean {
  return !a.from || !a.to || Date.parse(a.from) < Date.parse(a.to);
}
const fromBeforeToIssue = { message: 'from must be before to', path: ['to'] };

function normalizedRange<T extends { from?: string | undefined; to?: string | undefined }>(args: T): T {
  return { ...args, from: args.from && new Date(args.from).toISOString(), to: args.to && new Date(args.to).toISOString() };
}

export interface LocCsvFile {
  filename: string;
  contentBase64: string;
  /** CP932 only: the cells it could not hold whole, written with `?` in place of those characters. */
  unencodable: Cp932Loss[];
}

export const locHandlers = {
  'loc.list': handler(z.object({ ...locFilters, ...paging }).refine(fromBeforeTo, fromBeforeToIssue), ({ db }, args) =>
    listLocRequests(db, normalizedRange(args)),
  ),
  'loc.get': handler(z.object({ id: z.number().int().positive() }), ({ db, robot, clock }, { id }): LocDetailView => {
    const request = getLocRequest(db, id);
    if (!request) throw new ApiError('not_found', `LOC request ${id} does not exist.`);
    return { ...withReasons(db, request), robotHold: robotHold(db, request, robot ?? null, clock.now()) };
  }),
  'loc.exportCsv': handler(
    z.object({ ...locFilters, encoding: z.enum(csvEncodings).default('utf8-bom') }).refine(fromBeforeTo, fromBeforeToIssue),
    ({ db, clock }, { encoding, ...filters }): LocCsvFile => {
      const timeZone = shopTimeZone(db);
      const records = locCsvRecords(exportLocRequests(db, normalizedRange(filters)), timeZone);
      const text = locCsvText(records);
      const stamp = clock.now().toLocaleString('sv-SE', { timeZone }).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
      const list = filters.completed ? 'completed-loc-requests' : 'loc-requests';
      return {
        filename: `${list}-${stamp}${encoding === 'cp932' ? '-sjis' : ''}.csv`,
        contentBase64: encodeCsv(text, encoding).toString('base64'),
        unencodable: encoding === 'cp932' ? cp932Losses(records) : [],
      };
    },
  ),
};

/**
 * Whether a robot holds the request, for the detail pane: it shows the request as being worked,
 * disables completion and offers to ask this workstation's robot to stop while that is still
 * possible (before the flow's point of no return has begun in this attempt).
 */
export interface RobotHold {
  holder: string;
  /** The workstation as staff know it: this one by the name the shop gave it, another by its host name. */
  holderName: string;
  since: string;
  /** This workstation's robot holds it. */
  here: boolean;
  /** Staff asked it to stop and it has not yet. */
  stopRequested: boolean;
  /** The robot may still be asked to stop (here, and nothing charged or sent yet). */
  canStop: boolean;
}

export type LocDetailView = LabelledDetail & { robotHold: RobotHold | null };

function robotHold(db: Db, request: LocDetail, robot: (LocalRobot & { flows: readonly AnyFlow[] }) | null, now: Date): RobotHold | null {
  const held = heldBy(db, request.id, robot, now);
  if (!held) return null;
  const work = workOf(db, request.id);
  const point = robot?.flows.find((f) => f.kind === request.kind)?.pointOfNoReturn ?? null;
  const generation = work?.generation ?? 1;
  const pastPoint = point !== null && hasBegunInAttempt(db, request.id, generation, point);
  const stopRequested = work?.stopRequestedAt != null;
  const holderName = held.here ? readWorkstationName(db).name : hostOf(held.holder);
  return { ...held, holderName, stopRequested, canStop: held.here && !pastPoint && !stopRequested };
}

/** The cloud's holder id is the host name, `#` and an id telling workstations of one name apart. */
function hostOf(holder: string): string {
  const hash = holder.lastIndexOf('#');
  return hash > 0 ? holder.slice(0, hash) : holder;
}
