import type { ArgsOf } from '../api/client';
import { zonedDayRange } from '../format';

export const locStatuses = ['new', 'queued', 'leased', 'running', 'done', 'failed_retryable', 'needs_manual'] as const;
export const locKinds = ['crosssell', 'upsell', 'cancel'] as const;

/**
 * What staff filter open requests by: what they can do about them, not the robot's inner states.
 * Waiting for the robot (new or queued) and being worked by a robot (leased or running) are one
 * choice each; each choice asks loc.list for its states.
 */
export const staffStatusFilters = {
  robot_waiting: ['new', 'queued'],
  robot_working: ['leased', 'running'],
  failed_retryable: ['failed_retryable'],
  needs_manual: ['needs_manual'],
} as const satisfies Record<string, ReadonlyArray<(typeof locStatuses)[number]>>;

export type StaffStatusFilter = keyof typeof staffStatusFilters;
export const staffStatusFilterKeys = Object.keys(staffStatusFilters) as StaffStatusFilter[];

function statusesOf(choice: string): string[] {
  return Object.hasOwn(staffStatusFilters, choice) ? [...staffStatusFilters[choice as StaffStatusFilter]] : choice ? [choice] : [];
}
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

export function toListFilters(state: LocFilterState, timeZone?: string): LocListFilters {
  const configId = Number(state.crosssellConfigId);
  return {
    ...(state.status ? { status: statusesOf(state.status) } : {}),
    ...(isKind(state.kind) ? { kind: [state.kind] } : {}),
    // The shop's days as loc.list's bounds; an end not after the start is dropped.
    ...zonedDayRange(state.from, state.to, timeZone),
    ...(Number.isInteger(configId) && configId > 0 ? { crosssellConfigId: configId } : {}),
    sort: { field: state.sortField, direction: state.sortDirection },
  };
}
