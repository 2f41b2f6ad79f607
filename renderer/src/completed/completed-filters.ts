import { zonedDayRange } from '../format';
import { isKind, type LocListFilters } from '../loc/filters';
import { isFinisherChoice } from './FinishedBy';

/** What the 完了したLOC申請 filter bar holds; dates are the shop's days on which a request was finished. */
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
export function toCompletedFilters(state: CompletedFilterState, timeZone?: string): LocListFilters {
  const search = state.search.trim();
  return {
    completed: true,
    ...(search ? { search: search.slice(0, 200) } : {}),
    ...(isKind(state.kind) ? { kind: [state.kind] } : {}),
    ...completionDays(state, timeZone),
    ...(state.finishedBy && isFinisherChoice(state.finishedBy) ? { finishedBy: state.finishedBy } : {}),
    sort: { field: 'updatedAt', direction: 'desc' },
  };
}

/** The list shows 完了日時, so its dates filter by it, not by when the request was made. */
function completionDays(state: CompletedFilterState, timeZone: string | undefined): Pick<LocListFilters, 'from' | 'to' | 'dateField'> {
  const range = zonedDayRange(state.from, state.to, timeZone);
  return range.from || range.to ? { ...range, dateField: 'completedAt' } : {};
}
