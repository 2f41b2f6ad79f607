import type { LocRequestData } from '../../electron/core/sync/change-schemas';
import {
  isMutationKind,
  mutationPayloads,
  type MutationKind,
  type MutationOperation,
  type MutationPayload,
  type MutationResult,
} from '../../electron/core/sync/mutation-schemas';
import { memberTagKey, type CloudStore } from './store';

/** A refusal the workstation should record and show, not retry. */
class Refusal extends Error {}

/**
 * Applies one operation exactly once. A replayed opId is answered 'duplicate' when it was
 * applied before and with the same refusal when it was refused, and changes nothing.
 */
export function applyMutation(store: CloudStore, operation: MutationOperation): MutationResult {
  const receivedAt = store.clock.now().toISOString();
  const earlier = store.answered.get(operation.opId);
  if (earlier) {
    const status = earlier.status === 'applied' ? 'duplicate' : earlier.status;
    const result: MutationResult = { opId: operation.opId, status, ...(earlier.reason ? { reason: earlier.reason } : {}) };
    store.mutations.push({ opId: operation.opId, kind: operation.kind, status, ...(earlier.reason ? { reason: earlier.reason } : {}), receivedAt });
    return result;
  }
  let result: MutationResult;
  try {
    run(store, operation, receivedAt);
    result = { opId: operation.opId, status: 'applied' };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    result = { opId: operation.opId, status: 'rejected', reason: error.message };
  }
  store.answered.set(operation.opId, result.reason ? { status: result.status, reason: result.reason } : { status: result.status });
  store.mutations.push({ ...result, kind: operation.kind, receivedAt });
  return result;
}

function run(store: CloudStore, operation: MutationOperation, now: string): void {
  if (!isMutationKind(operation.kind)) throw new Refusal(`unknown operation kind "${operation.kind}"`);
  const parsed = mutationPayloads[operation.kind].safeParse(operation.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal(`invalid payload: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'unreadable'}`);
  }
  handlers[operation.kind](store, parsed.data as never, now);
}

type Handlers = { [K in MutationKind]: (store: CloudStore, payload: MutationPayload<K>, now: string) => void };

const handlers: Handlers = {
  'loc.setStatus'(store, payload, now) {
    const request = requestOf(store, payload.requestId);
    if (payload.completionStatus && payload.status !== 'done') {
      throw new Refusal(`a completion status needs status "done", not "${payload.status}"`);
    }
    if (request.status === 'done' && payload.status !== 'done') {
      throw new Refusal(`LOC request ${request.id} is already done and cannot move to "${payload.status}"`);
    }
    store.upsert('loc_request', {
      ...request,
      status: payload.status,
      completionStatus: payload.completionStatus ?? request.completionStatus ?? null,
      note: payload.note ?? request.note ?? null,
      completedAt: payload.status === 'done' ? (request.completedAt ?? now) : null,
      updatedAt: now,
    });
  },
  'memberTag.add'(store, payload, now) {
    memberAndTag(store, payload.memberId, payload.tagId);
    if (store.memberTags.has(memberTagKey(payload.memberId, payload.tagId))) return;
    store.upsert('member_tag', {
      memberId: payload.memberId,
      tagId: payload.tagId,
      source: payload.source,
      sourceDetail: payload.sourceDetail ?? null,
      setAt: now,
    });
  },
  'memberTag.remove'(store, payload, now) {
    memberAndTag(store, payload.memberId, payload.tagId);
    if (!store.memberTags.has(memberTagKey(payload.memberId, payload.tagId))) return;
    store.remove('member_tag', {
      memberId: payload.memberId,
      tagId: payload.tagId,
      source: payload.source,
      sourceDetail: payload.sourceDetail ?? null,
      removedAt: now,
    });
  },
  'robot.runResult'(store, payload, now) {
    const request = requestOf(store, payload.requestId);
    if (request.status === 'done') throw new Refusal(`LOC request ${request.id} is already done`);
    store.upsert('loc_request', {
      ...request,
      status: payload.outcome,
      robotResult: { outcome: payload.outcome, message: payload.message ?? null, reportedAt: now },
      completedAt: payload.outcome === 'done' ? now : null,
      updatedAt: now,
    });
  },
  'usage.increment'(store, payload) {
    store.usage.set(payload.period, (store.usage.get(payload.period) ?? 0) + payload.count);
  },
};

function requestOf(store: CloudStore, id: number): LocRequestData {
  const request = store.locRequests.get(id);
  if (!request) throw new Refusal(`unknown LOC request ${id}`);
  return request;
}

function memberAndTag(store: CloudStore, memberId: number, tagId: number): void {
  if (!store.members.has(memberId)) throw new Refusal(`unknown member ${memberId}`);
  if (!store.tags.has(tagId)) throw new Refusal(`unknown tag ${tagId}`);
}
