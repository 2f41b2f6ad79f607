import { z } from 'zod';
import { ruleDefinition } from '../tags/rules/rule-schema';
import { completionStatuses, finishedByData, locStatuses, productKinds, reasonRecord, robotOutcomes, tagSources } from './change-schemas';

/**
 * The operations a workstation sends to POST /v1/mutations. The client checks a payload when it
 * is enqueued, so a typo fails at the caller instead of as a rejection hours later; the cloud
 * checks again because it trusts no workstation.
 */

const id = z.number().int().positive();
/**
 * The lease a robot holds on the request. The cloud refuses a status change, reopen or result for
 * a request leased to someone else unless it carries that lease: staff never finish underneath a robot.
 */
const leaseId = z.string().min(1).max(100).nullish();
const completedAt = z.iso.datetime({ offset: true });

/**
 * A cross-sell config as the workstation sends it. Only the shape is checked here, as the feed
 * checks it; which memo fields and placeholders staff may use is the settings screen's rule
 * (crosssell/config-input.ts), so configs the cloud already holds stay editable.
 */
export const crosssellConfigFields = {
  name: z.string().min(1).max(100),
  cart: z.string().min(1).max(50),
  cartLoginRef: z.string().min(1).max(100).nullish(),
  productName: z.string().min(1).max(255),
  productCode: z.string().min(1).max(100),
  kind: z.enum(productKinds),
  memoWrites: z.array(z.object({ field: z.string().min(1).max(100), text: z.string().max(1000) })).max(20),
  tagsAdd: z.array(id).max(100),
  tagsRemove: z.array(id).max(100),
  messageTemplate: z.string().max(5000),
  stopRunningSubscriptions: z.boolean(),
  repeatWindowHours: z.number().int().min(0).max(720).nullish(),
  completionStatus: z.enum(completionStatuses).nullish(),
};

export const mutationPayloads = {
  'loc.setStatus': z.object({
    requestId: id,
    status: z.enum(locStatuses),
    completionStatus: z.enum(completionStatuses).nullish(),
    note: z.string().max(2000).nullish(),
    /** When staff finished it (done only): the cloud keeps this as completedAt, not the time the operation arrived. */
    completedAt: completedAt.optional(),
    /** With status done: who finished it (absent: staff, unnamed). */
    finishedBy: finishedByData.nullish(),
    leaseId,
  }),
  /** Staff reopen a finished request: it goes back to needs_manual, its completion undone, with why. */
  'loc.reopen': z.object({
    requestId: id,
    reason: z.string().min(1).max(500),
    leaseId,
  }),
  'memberTag.add': z.object({
    memberId: id,
    tagId: id,
    source: z.enum(tagSources),
    sourceDetail: z.string().max(500).nullish(),
  }),
  'memberTag.remove': z.object({
    memberId: id,
    tagId: id,
    source: z.enum(tagSources),
    sourceDetail: z.string().max(500).nullish(),
  }),
  'robot.runResult': z.object({
    requestId: id,
    outcome: z.enum(robotOutcomes),
    message: z.string().max(2000).nullish(),
    /** The message as data (its name and parameters); the message stays the text for readers that do not know the name. */
    reason: reasonRecord.nullish(),
    /** When the robot finished it (outcome done only), as for loc.setStatus. */
    completedAt: completedAt.optional(),
    /** With outcome done: the completion status the config names, and the robot that finished it. */
    completionStatus: z.enum(completionStatuses).nullish(),
    finishedBy: finishedByData.nullish(),
    leaseId,
  }),
  /** Creates a config when id is absent (the cloud assigns one and answers it as entityId), else replaces it. */
  'crosssellConfig.save': z.object({ id: id.optional(), ...crosssellConfigFields }),
  'crosssellConfig.delete': z.object({ id }),
  /**
   * Creates a tag rule when id is absent (the cloud assigns one, stamps its creation time and
   * answers the id as entityId), else replaces the rule, keeping its creation time and so its
   * place in the evaluation order.
   */
  'tagRule.save': ruleDefinition.safeExtend({ id: id.optional() }),
  'tagRule.delete': z.object({ id }),
  'usage.increment': z.object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM'),
    /** The Japan day of the success, so the cloud can count any billing period; absent in operations queued before it. */
    day: z.iso.date().optional(),
    count: z.number().int().positive().max(100_000),
  }),
} as const;

export type MutationKind = keyof typeof mutationPayloads;
export const mutationKinds = Object.keys(mutationPayloads) as MutationKind[];
export type MutationPayload<K extends MutationKind> = z.infer<(typeof mutationPayloads)[K]>;

export function isMutationKind(value: unknown): value is MutationKind {
  return typeof value === 'string' && Object.hasOwn(mutationPayloads, value);
}

export const mutationStatuses = ['applied', 'duplicate', 'rejected'] as const;
export type MutationStatus = (typeof mutationStatuses)[number];

export interface MutationOperation {
  opId: string;
  kind: string;
  payload: unknown;
}

export interface MutationResult {
  opId: string;
  status: MutationStatus;
  reason?: string;
  /** The cloud's code for a rejection, so the workstation can say it in the viewer's language (the reason is its words). */
  code?: string;
  /** The entity an applied (or duplicate) operation created or changed, for kinds that make one. */
  entityId?: number;
}

export const mutationResponse = z.object({
  results: z.array(
    z.object({
      opId: z.string(),
      status: z.enum(mutationStatuses),
      reason: z.string().optional(),
      code: z.string().max(100).optional(),
      entityId: id.optional(),
    }),
  ),
});

export const leaseResponse = z.object({
  leaseId: z.string().min(1),
  holder: z.string().min(1),
  expiresAt: z.string(),
  /**
   * The lifetime granted, which may be shorter than asked. The workstation trusts the lease until
   * its own clock says this much has passed since it asked (less a margin), never the cloud's clock.
   */
  ttlSeconds: z.number().int().positive(),
  /** The leased request's uid, so a request pulled before the cloud named its requests can still be worked under it. */
  requestUid: z.uuid(),
});
export type Lease = z.infer<typeof leaseResponse>;

export const releaseResponse = z.object({ released: z.boolean() });

/** GET /v1/usage: the shop's billed successes over a span of days. */
export const usageResponse = z.object({ from: z.iso.date(), to: z.iso.date(), successes: z.number().int().min(0) });
