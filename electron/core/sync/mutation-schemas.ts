import { z } from 'zod';
import { completionStatuses, locStatuses, robotOutcomes, tagSources } from './change-schemas';

/**
 * The operations a workstation sends to POST /v1/mutations. The client checks a payload when it
 * is enqueued, so a typo fails at the caller instead of as a rejection hours later; the cloud
 * checks again because it trusts no workstation.
 */

const id = z.number().int().positive();

export const mutationPayloads = {
  'loc.setStatus': z.object({
    requestId: id,
    status: z.enum(locStatuses),
    completionStatus: z.enum(completionStatuses).nullish(),
    note: z.string().max(2000).nullish(),
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
  }),
  'usage.increment': z.object({
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM'),
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
}

export const mutationResponse = z.object({
  results: z.array(
    z.object({
      opId: z.string(),
      status: z.enum(mutationStatuses),
      reason: z.string().optional(),
    }),
  ),
});

export const leaseResponse = z.object({
  leaseId: z.string().min(1),
  holder: z.string().min(1),
  expiresAt: z.string(),
});
export type Lease = z.infer<typeof leaseResponse>;

export const releaseResponse = z.object({ released: z.boolean() });
