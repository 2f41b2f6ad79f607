import type { LocRequestData } from '../../electron/core/sync/change-schemas';
import type { CloudSandbox } from '../../sandbox/cloud/server';

/**
 * What the cloud sandbox recorded for LOC requests. Every operation the cloud applies to a
 * request writes one change to its feed, and a replayed operation writes none, so the feed is
 * the cloud's own count of how many times a request was completed or reopened.
 */
function versionsOf(cloud: CloudSandbox, id: number): LocRequestData[] {
  const { changes } = cloud.store.changesSince(0, cloud.store.head());
  return changes.filter((c) => c.entity === 'loc_request' && c.op === 'upsert' && (c.data as LocRequestData).id === id).map((c) => c.data as LocRequestData);
}

function transitions(cloud: CloudSandbox, id: number, from: (s: string) => boolean, to: string): LocRequestData[] {
  const versions = versionsOf(cloud, id);
  return versions.filter((v, i) => i > 0 && v.status === to && from(versions[i - 1]!.status));
}

/** Each time the cloud moved the request from open to done, with the completion it recorded. */
export function completionsRecorded(cloud: CloudSandbox, id: number): LocRequestData[] {
  return transitions(cloud, id, (s) => s !== 'done', 'done');
}

export function reopensRecorded(cloud: CloudSandbox, id: number): LocRequestData[] {
  return transitions(cloud, id, (s) => s === 'done', 'needs_manual');
}

/** Operations of one kind the cloud applied (a replay is logged as duplicate, a refusal as rejected). */
export function appliedOperations(cloud: CloudSandbox, kind: string): number {
  return cloud.store.mutations.filter((m) => m.kind === kind && m.status === 'applied').length;
}

export function rejectedOperations(cloud: CloudSandbox): number {
  return cloud.store.mutations.filter((m) => m.status === 'rejected').length;
}
