import { configNamedLike } from '../../electron/core/crosssell/config-name';
import type { CrosssellConfigData, LocRequestData, TagRuleData } from '../../electron/core/sync/change-schemas';
import {
  isMutationKind,
  mutationPayloads,
  type MutationKind,
  type MutationOperation,
  type MutationPayload,
  type MutationResult,
} from '../../electron/core/sync/mutation-schemas';
import { leaseData, liveLease } from './leases';
import { memberTagKey, type CloudStore } from './store';
import { recordUsage } from './usage';

/**
 * A refusal the workstation should record and show, not retry: its code says what kind of refusal
 * it is (the workstation says it in its viewer's language), its message says it in the cloud's words.
 */
type RefusalCode = 'unknown_kind' | 'invalid_payload' | 'not_found' | 'leased_elsewhere' | 'already_done' | 'not_done' | 'contradictory' | 'name_taken' | 'in_use';

class Refusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The entity each applied operation created or changed, so a replay (the first answer was lost)
 * still tells the workstation which id the cloud assigned.
 */
const entityIds = new WeakMap<CloudStore, Map<string, number>>();

function entityIdsOf(store: CloudStore): Map<string, number> {
  let ids = entityIds.get(store);
  if (!ids) entityIds.set(store, (ids = new Map()));
  return ids;
}

/**
 * Applies one operation exactly once. A replayed opId is answered 'duplicate' when it was
 * applied before and with the same refusal when it was refused, and changes nothing.
 */
export function applyMutation(store: CloudStore, operation: MutationOperation): MutationResult {
  const receivedAt = store.clock.now().toISOString();
  const earlier = store.answered.get(operation.opId);
  if (earlier) {
    const status = earlier.status === 'applied' ? 'duplicate' : earlier.status;
    const entityId = entityIdsOf(store).get(operation.opId);
    const result: MutationResult = {
      opId: operation.opId,
      status,
      ...(earlier.reason ? { reason: earlier.reason } : {}),
      ...(earlier.code ? { code: earlier.code } : {}),
      ...(entityId === undefined ? {} : { entityId }),
    };
    store.mutations.push({ opId: operation.opId, kind: operation.kind, status, ...(earlier.reason ? { reason: earlier.reason } : {}), receivedAt });
    return result;
  }
  let result: MutationResult;
  try {
    const entityId = run(store, operation, receivedAt);
    result = { opId: operation.opId, status: 'applied' };
    if (entityId !== undefined) {
      result.entityId = entityId;
      entityIdsOf(store).set(operation.opId, entityId);
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    result = { opId: operation.opId, status: 'rejected', reason: error.message, code: error.code };
  }
  store.answered.set(operation.opId, result.reason ? { status: result.status, reason: result.reason, ...(result.code ? { code: result.code } : {}) } : { status: result.status });
  store.mutations.push({ opId: result.opId, status: result.status, ...(result.reason ? { reason: result.reason } : {}), kind: operation.kind, receivedAt });
  return result;
}

/** Returns the id of the entity the operation created or changed, for kinds that answer one. */
function run(store: CloudStore, operation: MutationOperation, now: string): number | undefined {
  if (!isMutationKind(operation.kind)) throw new Refusal('unknown_kind', `unknown operation kind "${operation.kind}"`);
  const parsed = mutationPayloads[operation.kind].safeParse(operation.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal('invalid_payload', `invalid payload: ${issue ? `${issue.path.join('.') || '(root)'} ${issue.message}` : 'unreadable'}`);
  }
  return handlers[operation.kind](store, parsed.data as never, now) ?? undefined;
}

type Handlers = { [K in MutationKind]: (store: CloudStore, payload: MutationPayload<K>, now: string) => number | void };

const handlers: Handlers = {
  'loc.setStatus'(store, payload, now) {
    const request = requestOf(store, payload.requestId);
    onlyItsHolder(store, request, payload.leaseId);
    if (payload.completionStatus && payload.status !== 'done') {
      throw new Refusal('contradictory', `a completion status needs status "done", not "${payload.status}"`);
    }
    if (request.status === 'done' && payload.status !== 'done') {
      throw new Refusal('already_done', `LOC request ${request.id} is already done and cannot move to "${payload.status}"`);
    }
    store.upsert('loc_request', {
      ...request,
      status: payload.status,
      completionStatus: payload.completionStatus ?? request.completionStatus ?? null,
      note: payload.note ?? request.note ?? null,
      completedAt: payload.status === 'done' ? (request.completedAt ?? payload.completedAt ?? now) : null,
      finishedBy: payload.status === 'done' ? (payload.finishedBy ?? request.finishedBy ?? { kind: 'staff', name: null }) : null,
      lease: leaseData(store, request.id),
      updatedAt: now,
    });
  },
  'loc.reopen'(store, payload, now) {
    const request = requestOf(store, payload.requestId);
    onlyItsHolder(store, request, payload.leaseId);
    if (request.status !== 'done') throw new Refusal('not_done', `LOC request ${request.id} is "${request.status}", not done, so it cannot be reopened`);
    store.upsert('loc_request', {
      ...request,
      status: 'needs_manual',
      completionStatus: null,
      completedAt: null,
      finishedBy: null,
      note: payload.reason,
      lease: leaseData(store, request.id),
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
    onlyItsHolder(store, request, payload.leaseId);
    if (request.status === 'done') throw new Refusal('already_done', `LOC request ${request.id} is already done`);
    store.upsert('loc_request', {
      ...request,
      status: payload.outcome,
      robotResult: { outcome: payload.outcome, message: payload.message ?? null, ...(payload.reason ? { reason: payload.reason } : {}), reportedAt: now },
      completedAt: payload.outcome === 'done' ? (payload.completedAt ?? now) : null,
      // A robot's done carries the completion status its config names; older robots sent none.
      completionStatus: payload.outcome === 'done' ? (payload.completionStatus ?? null) : (request.completionStatus ?? null),
      finishedBy: payload.outcome === 'done' ? (payload.finishedBy ?? { kind: 'robot', name: null }) : null,
      lease: leaseData(store, request.id),
      updatedAt: now,
    });
  },
  'crosssellConfig.save'(store, { id, ...fields }, now) {
    if (id !== undefined && !store.crosssellConfigs.has(id)) throw new Refusal('not_found', `unknown cross-sell config ${id}`);
    for (const tagId of [...fields.tagsAdd, ...fields.tagsRemove]) {
      if (!store.tags.has(tagId)) throw new Refusal('not_found', `unknown tag ${tagId}`);
    }
    const both = fields.tagsAdd.find((tagId) => fields.tagsRemove.includes(tagId));
    if (both !== undefined) throw new Refusal('contradictory', `tag ${both} cannot be both added and removed`);
    // Two workstations may each save a name the other has just taken; the cloud keeps names unique.
    const sameName = configNamedLike(store.crosssellConfigs.values(), fields.name, id);
    if (sameName) throw new Refusal('name_taken', `the name is already used by cross-sell config ${sameName.id}`);
    const config: CrosssellConfigData = {
      ...fields,
      id: id ?? newConfigId(store),
      cartLoginRef: fields.cartLoginRef ?? null,
      updatedAt: now,
    };
    store.upsert('crosssell_config', config);
    return config.id;
  },
  'crosssellConfig.delete'(store, { id }) {
    if (!store.crosssellConfigs.has(id)) throw new Refusal('not_found', `unknown cross-sell config ${id}`);
    // A request still being worked would be reported against a config that no longer exists.
    const open = [...store.locRequests.values()].filter((r) => r.crosssellConfigId === id && r.status !== 'done').length;
    if (open > 0) throw new Refusal('in_use', `cross-sell config ${id} is used by ${open} LOC requests that are not done`);
    store.remove('crosssell_config', { id });
    return id;
  },
  'tagRule.save'(store, { id, ...definition }, now) {
    const existing = id === undefined ? undefined : store.tagRules.get(id);
    if (id !== undefined && !existing) throw new Refusal('not_found', `unknown tag rule ${id}`);
    if (!store.tags.has(definition.tagId)) throw new Refusal('not_found', `unknown tag ${definition.tagId}`);
    for (const condition of definition.groups.flat()) {
      if (condition.kind === 'triggerTag' && !store.tags.has(condition.tagId)) throw new Refusal('not_found', `unknown trigger tag ${condition.tagId}`);
    }
    const rule: TagRuleData = {
      ...definition,
      id: id ?? newRuleId(store),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    store.upsert('tag_rule', rule);
    return rule.id;
  },
  'tagRule.delete'(store, { id }) {
    if (!store.tagRules.has(id)) throw new Refusal('not_found', `unknown tag rule ${id}`);
    store.remove('tag_rule', { id });
    return id;
  },
  'usage.increment'(store, payload) {
    if (payload.day && !payload.day.startsWith(payload.period)) throw new Refusal('contradictory', `day ${payload.day} is not in month ${payload.period}`);
    store.usage.set(payload.period, (store.usage.get(payload.period) ?? 0) + payload.count);
    recordUsage(store, payload.day ?? `${payload.period}-01`, payload.count);
  },
};

/** Never the id of a deleted config that requests still name, so old requests cannot appear to belong to a new config. */
function newConfigId(store: CloudStore): number {
  let id = store.nextId('crosssell_config');
  for (const request of store.locRequests.values()) {
    if (request.crosssellConfigId != null && request.crosssellConfigId >= id) id = request.crosssellConfigId + 1;
  }
  return id;
}

const lastRuleIds = new WeakMap<CloudStore, number>();

/** Never the id of a deleted rule: tag history names the rule that set a tag, and must keep meaning that rule. */
function newRuleId(store: CloudStore): number {
  const id = Math.max(store.nextId('tag_rule'), (lastRuleIds.get(store) ?? 0) + 1);
  lastRuleIds.set(store, id);
  return id;
}

function requestOf(store: CloudStore, id: number): LocRequestData {
  const request = store.locRequests.get(id);
  if (!request) throw new Refusal('not_found', `unknown LOC request ${id}`);
  return request;
}

/**
 * Staff never finish underneath a robot, nor one workstation underneath another: while a lease is
 * live, only an operation carrying that lease changes the request. The reason is shown to staff as
 * it is, so it says who works the request and since when.
 */
function onlyItsHolder(store: CloudStore, request: LocRequestData, leaseId: string | null | undefined): void {
  const lease = liveLease(store, request.id);
  if (!lease || lease.leaseId === leaseId) return;
  throw new Refusal(
    'leased_elsewhere',
    `LOC request ${request.id} is being worked by ${lease.holder} since ${new Date(lease.since).toISOString()}; only its holder may change it`,
  );
}

function memberAndTag(store: CloudStore, memberId: number, tagId: number): void {
  if (!store.members.has(memberId)) throw new Refusal('not_found', `unknown member ${memberId}`);
  if (!store.tags.has(tagId)) throw new Refusal('not_found', `unknown tag ${tagId}`);
}
