import type { LocStatus } from '../sync/change-schemas';

/**
 * The LOC request state machine of design.md §4, in one place:
 *
 *   new → queued → leased → running → done
 *                     ↑         ├→ failed_retryable → queued (backoff) | needs_manual (attempts used up)
 *                     │         └→ needs_manual (business error)
 *                     └── lease lost, released, or recovered after a crash
 *
 * Staff may finish by hand any open request no robot holds, send a stuck one back to the robot,
 * or reopen a finished one (a new attempt); a request a robot holds they ask the robot to stop
 * (journaled as stop_requested, no change of state), which it does at its next step boundary
 * (stop). A repeat tap ends as needs_manual without being worked (repeat). The cloud may report
 * a request finished elsewhere, or refuse a change made here (refused_by_cloud): the request
 * then follows what the cloud says again.
 */
export type LocEvent =
  | 'queue'
  | 'lease'
  | 'start'
  | 'succeed'
  | 'fail_application'
  | 'fail_business'
  | 'requeue'
  | 'give_up'
  | 'release'
  | 'recover'
  | 'stop'
  | 'repeat'
  | 'stop_requested'
  | 'complete_by_staff'
  | 'retry_by_staff'
  | 'reopen_by_staff'
  | 'done_in_cloud'
  | 'refused_by_cloud';

export type LocActor = 'robot' | 'staff' | 'cloud';

export const locEvents: readonly LocEvent[] = [
  'queue',
  'lease',
  'start',
  'succeed',
  'fail_application',
  'fail_business',
  'requeue',
  'give_up',
  'release',
  'recover',
  'stop',
  'repeat',
  'stop_requested',
  'complete_by_staff',
  'retry_by_staff',
  'reopen_by_staff',
  'done_in_cloud',
  'refused_by_cloud',
];

const OPEN: readonly LocStatus[] = ['new', 'queued', 'leased', 'running', 'failed_retryable', 'needs_manual'];
/** Open and not held by a robot: what staff may finish by hand. */
const UNHELD: readonly LocStatus[] = ['new', 'queued', 'failed_retryable', 'needs_manual'];

/** For each event: the states it may leave, the state it enters, and who may cause it. */
/** `same`: the event is journaled without changing the state; `cloud`: the state becomes what the cloud says. */
const rules: Record<LocEvent, { from: readonly LocStatus[]; to: LocStatus | 'same' | 'cloud'; actors: readonly LocActor[] }> = {
  queue: { from: ['new'], to: 'queued', actors: ['robot'] },
  lease: { from: ['queued'], to: 'leased', actors: ['robot'] },
  start: { from: ['leased'], to: 'running', actors: ['robot'] },
  succeed: { from: ['running'], to: 'done', actors: ['robot'] },
  fail_application: { from: ['running'], to: 'failed_retryable', actors: ['robot'] },
  fail_business: { from: ['running'], to: 'needs_manual', actors: ['robot'] },
  requeue: { from: ['failed_retryable'], to: 'queued', actors: ['robot'] },
  give_up: { from: ['failed_retryable'], to: 'needs_manual', actors: ['robot'] },
  release: { from: ['leased', 'running'], to: 'queued', actors: ['robot'] },
  recover: { from: ['leased', 'running'], to: 'queued', actors: ['robot'] },
  stop: { from: ['leased', 'running'], to: 'needs_manual', actors: ['robot'] },
  repeat: { from: ['running'], to: 'needs_manual', actors: ['robot'] },
  stop_requested: { from: ['new', 'queued', 'leased', 'running'], to: 'same', actors: ['staff'] },
  complete_by_staff: { from: UNHELD, to: 'done', actors: ['staff'] },
  retry_by_staff: { from: ['needs_manual', 'failed_retryable'], to: 'queued', actors: ['staff'] },
  reopen_by_staff: { from: ['done'], to: 'needs_manual', actors: ['staff'] },
  done_in_cloud: { from: OPEN, to: 'done', actors: ['cloud'] },
  // Never under a robot at work here: its own lease decides what becomes of its changes.
  refused_by_cloud: { from: [...UNHELD, 'done'], to: 'cloud', actors: ['cloud'] },
};

export class InvalidTransitionError extends Error {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly from: LocStatus,
    readonly event: LocEvent,
    readonly actor: LocActor,
  ) {
    super(`LOC の状態 ${from} からは ${actor} による ${event} はできません`);
  }
}

/** The state `event` leads to from `from` (for the cloud's events, `cloud`: what it says), or InvalidTransitionError. */
export function nextStatus(from: LocStatus, event: LocEvent, actor: LocActor, cloud?: LocStatus): LocStatus {
  const rule = rules[event];
  if (!rule.from.includes(from) || !rule.actors.includes(actor)) throw new InvalidTransitionError(from, event, actor);
  if (rule.to === 'cloud') return cloud ?? from;
  return rule.to === 'same' ? from : rule.to;
}

export function canTransition(from: LocStatus, event: LocEvent, actor: LocActor): boolean {
  const rule = rules[event];
  return rule.from.includes(from) && rule.actors.includes(actor);
}

/** A robot holds the request: staff must ask it to stop before they change it. */
export function isHeld(status: LocStatus): boolean {
  return status === 'leased' || status === 'running';
}

/** States the robot never works on again by itself. */
export function isSettled(status: LocStatus): boolean {
  return status === 'done' || status === 'needs_manual';
}
