import type { LocEvent } from '../../../electron/core/api/types';

/**
 * Every change the journal can hold, each named in the catalogs under detail.events. Written as
 * a record so that a new kind of change does not type-check until it is listed here.
 */
const listed: Record<LocEvent, true> = {
  queue: true,
  lease: true,
  start: true,
  succeed: true,
  fail_application: true,
  fail_business: true,
  requeue: true,
  give_up: true,
  release: true,
  recover: true,
  stop: true,
  repeat: true,
  stop_requested: true,
  complete_by_staff: true,
  retry_by_staff: true,
  reopen_by_staff: true,
  done_in_cloud: true,
  refused_by_cloud: true,
};

export const journalEvents = Object.keys(listed) as LocEvent[];
