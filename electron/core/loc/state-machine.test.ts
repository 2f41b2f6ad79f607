import { describe, expect, it } from 'vitest';
import { locStatuses, type LocStatus } from '../sync/change-schemas';
import { InvalidTransitionError, locEvents, nextStatus, type LocActor, type LocEvent } from './state-machine';

/**
 * The whole machine written out again, edge by edge, independently of the module's rule table.
 * Every (state, event, actor) triple not listed here must be refused.
 */
const open = ['new', 'queued', 'leased', 'running', 'failed_retryable', 'needs_manual'] as const;
const unheld = ['new', 'queued', 'failed_retryable', 'needs_manual'] as const;
const allowed: Array<[LocStatus, LocEvent, LocActor, LocStatus]> = [
  ['new', 'queue', 'robot', 'queued'],
  ['queued', 'lease', 'robot', 'leased'],
  ['leased', 'start', 'robot', 'running'],
  ['running', 'succeed', 'robot', 'done'],
  ['running', 'fail_application', 'robot', 'failed_retryable'],
  ['running', 'fail_business', 'robot', 'needs_manual'],
  ['failed_retryable', 'requeue', 'robot', 'queued'],
  ['failed_retryable', 'give_up', 'robot', 'needs_manual'],
  ['leased', 'release', 'robot', 'queued'],
  ['running', 'release', 'robot', 'queued'],
  ['leased', 'recover', 'robot', 'queued'],
  ['running', 'recover', 'robot', 'queued'],
  ['leased', 'stop', 'robot', 'needs_manual'],
  ['running', 'stop', 'robot', 'needs_manual'],
  ['running', 'repeat', 'robot', 'needs_manual'],
  ['new', 'stop_requested', 'staff', 'new'],
  ['queued', 'stop_requested', 'staff', 'queued'],
  ['leased', 'stop_requested', 'staff', 'leased'],
  ['running', 'stop_requested', 'staff', 'running'],
  ...unheld.map((from): [LocStatus, LocEvent, LocActor, LocStatus] => [from, 'complete_by_staff', 'staff', 'done']),
  ['needs_manual', 'retry_by_staff', 'staff', 'queued'],
  ['failed_retryable', 'retry_by_staff', 'staff', 'queued'],
  ['done', 'reopen_by_staff', 'staff', 'needs_manual'],
  ...open.map((from): [LocStatus, LocEvent, LocActor, LocStatus] => [from, 'done_in_cloud', 'cloud', 'done']),
  // Without the cloud's status given, a refusal leaves the state as it is.
  ...[...unheld, 'done' as const].map((from): [LocStatus, LocEvent, LocActor, LocStatus] => [from, 'refused_by_cloud', 'cloud', from]),
];

const actors: LocActor[] = ['robot', 'staff', 'cloud'];
const key = (from: string, event: string, actor: string) => `${from}|${event}|${actor}`;
const expected = new Map(allowed.map(([from, event, actor, to]) => [key(from, event, actor), to]));

describe('LOC state machine', () => {
  const cases = locStatuses.flatMap((from) => locEvents.flatMap((event) => actors.map((actor) => ({ from, event, actor }))));

  it('covers every state, event and actor', () => {
    expect(cases).toHaveLength(locStatuses.length * locEvents.length * actors.length);
    expect(locStatuses.length).toBe(7);
  });

  it.each(cases)('$from --$event($actor)-->', ({ from, event, actor }) => {
    const to = expected.get(key(from, event, actor));
    if (to === undefined) {
      expect(() => nextStatus(from, event, actor)).toThrow(InvalidTransitionError);
    } else {
      expect(nextStatus(from, event, actor)).toBe(to);
    }
  });

  it('lets a request reach done from new only through the robot path or by a person or the cloud', () => {
    let status: LocStatus = 'new';
    for (const event of ['queue', 'lease', 'start', 'succeed'] as const) status = nextStatus(status, event, 'robot');
    expect(status).toBe('done');
    expect(() => nextStatus('done', 'queue', 'robot')).toThrow(/done/);
  });

  it('takes the status the cloud says when it refuses a change made here, never under a robot at work here', () => {
    expect(nextStatus('done', 'refused_by_cloud', 'cloud', 'needs_manual')).toBe('needs_manual');
    expect(nextStatus('needs_manual', 'refused_by_cloud', 'cloud', 'done')).toBe('done');
    for (const held of ['leased', 'running'] as const) expect(() => nextStatus(held, 'refused_by_cloud', 'cloud', 'done')).toThrow(InvalidTransitionError);
  });

  it('never lets staff finish a request a robot holds', () => {
    for (const held of ['leased', 'running'] as const) expect(() => nextStatus(held, 'complete_by_staff', 'staff')).toThrow(InvalidTransitionError);
  });
});
