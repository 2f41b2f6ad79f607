/**
 * The API as the renderer sees it: types only. This is the one file under electron/ that
 * renderer code may import from, and only with `import type`.
 */
export type { Handlers } from './handlers';
export type { ApiErrorKind, ApiErrorPayload } from './errors';
export type { CoreEvents, CoreEventName } from '../events';
export type { SyncStatus, SyncResult } from '../sync/types';
export type { CrosssellConfig, MemoWrite } from '../db/queries/crosssell';
export type { CartLoginSummary } from '../secrets/cart-logins';
export type { MemoField } from '../crosssell/config-input';
export type { TemplatePlaceholder } from '../crosssell/template';
export type { RobotStatus, WorkerStatus } from '../robot/runner';
export type { RobotCounts } from '../robot/usage';
export type { LocSummary, LocDetail, LocTransition } from '../db/queries/loc';
export type { LocCsvFile } from './handlers/loc';
export type { LocCompleteResult, LocReopenResult } from './handlers/loc-staff';
export type { MemberTagChange } from './handlers/members-tags';
export type { CsvEncoding } from '../loc/loc-csv';
