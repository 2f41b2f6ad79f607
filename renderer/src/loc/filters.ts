import type { ArgsOf } from '../api/client';
import { zonedDayRange } from '../format';

export const locStatuses = ['new', 'queued', 'leased', 'running', 'done', 'failed_retryable', 'needs_manual'] as const;
export const locKinds = ['crosssell', 'upsell', 'cancel'] as const;
export const locSortFields = ['requestedAt', 'updatedAt', 'status', 'id'] as const;

export type LocKind = (typeof locKinds)[number];
export type LocSortField = (typeof locSortFields)[number];

/** What the filter bar holds; dates are the `YYYY-MM-DD` of a date input, read as Japan dates. */
export interface LocFilterState {
  status: string;
  kind: string;
  from: string;
  to: string;
  crosssellConfigId: string;
  sortField: LocSortField;
  sortDirection: 'asc' | 'desc';
}

export const initialFilters: LocFilterState = {
  status: '',
  kind: '',
  from: '',
  to: '',
  crosssellConfigId: '',
  sortField: 'requestedAt',
  sortDirection: 'desc',
};

export type LocListFilters = Omit<ArgsOf<'loc.list'>, 'page' | 'pageSize'>;

export function isKind(value: string): value is LocKind {
  return (locKinds as readonly string[]).includes(value);
}

/** A range of the shop's days as loc.list's bounds; an end not after the start is dropped. */
export function tokyoDayRange(fromDate: string, toDate: string): { from?: string; to?: string } {
  return zonedDayRange(fromDate, toDate);
}

export function toListFilters(state: LocFilterState): LocListFilters {
  const configId = Number(state.crosssellConfigId);
  return {
    ...(state.status ? { status: [state.status] } : {}),
    ...(isKind(state.kind) ? { kind: [state.kind] } : {}),
    ...tokyoDayRange(state.from, state.to),
    ...(Number.isInteger(configId) && configId > 0 ? { crosssellConfigId: configId } : {}),
    sort: { field: state.sortField, direction: state.sortDirection },
  };
}
