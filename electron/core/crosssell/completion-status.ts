import type { completionStatuses } from '../sync/change-schemas';

/** The completion status the robot gives a request of a config when it finishes it: one of the four staff use. */
export type ConfigCompletionStatus = (typeof completionStatuses)[number];

/** A one-tap cross-sell the robot ordered is a cross-sell accepted, unless the config names another status. */
export const DEFAULT_COMPLETION_STATUS: ConfigCompletionStatus = 'クロスセル受付';
