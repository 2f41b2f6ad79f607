import { isKind, tokyoDayRange, type LocListFilters } from '../loc/filters';
import { isFinisherChoice } from './FinishedBy';

/** What the 完了したLOC申請 filter bar holds; dates are Japan days of the request. */
export interface CompletedFilterState {
  search: string;
  kind: string;
  from: string;
  to: string;
  /** robot, staff, or empty for both. */
  finishedBy?: string;
}

export const initialCompletedFilters: CompletedFilterState = { search: '', kind: '', from: '', to: '' };

/** The list and its CSV export ask for the same thing: finished requests, most recently changed first. */
export function toCompletedFilters(state: CompletedFilterState): LocListFilters {
  const search = state.search.trim();
  return {
    completed: true,
    ...(search ? { search: search.slice(0, 200) } : {}),
    ...(isKind(state.kind) ? { kind: [state.kind] } : {}),
    ...tokyoDayRange(state.from, state.to),
    ...(state.finishedBy && isFinisherChoice(state.finishedBy) ? { finishedBy: state.finishedBy } : {}),
    sort: { field: 'updatedAt', direction: 'desc' },
  };
}
