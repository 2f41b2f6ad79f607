import { z } from 'zod';
import type { RuleCondition } from '../tags/rules/rule-schema';

/**
 * What the cloud's change feed may carry, entity by entity, in the wire's camelCase. Every
 * payload is untrusted input: it is parsed here before it reaches SQLite, and whatever fails is
 * quarantined rather than applied. cloud-api.yaml describes the same shapes for other readers.
 */

const id = z.number().int().positive();
const time = z.iso.datetime({ offset: true });
const optionalText = z.string().nullish();
const optionalTime = time.nullish();

export const tagSources = ['manual', 'rule', 'robot', 'cloud'] as const;
export type TagSource = (typeof tagSources)[number];

export const productKinds = ['single', 'subscription'] as const;
export const subscriptionStatuses = ['active', 'paused', 'stopped', 'cancelled'] as const;
export const locKinds = ['crosssell', 'upsell', 'cancel'] as const;
export const locStatuses = ['new', 'queued', 'leased', 'running', 'done', 'failed_retryable', 'needs_manual'] as const;
export type LocStatus = (typeof locStatuses)[number];
/** How staff close a request by hand: gave up, cannot handle, cross-sell accepted, completed. */
export const completionStatuses = ['受付断念', '対応不可', 'クロスセル受付', '対応完了'] as const;
export const robotOutcomes = ['done', 'failed_retryable', 'needs_manual'] as const;
/** Who finished a request: a workstation's robot or a member of staff. */
export const finisherKinds = ['robot', 'staff'] as const;

export const memberData = z.object({
  id,
  lineUserId: z.string().min(1),
  displayName: z.string(),
  name: optionalText,
  nameKana: optionalText,
  phone: optionalText,
  email: optionalText,
  operator: optionalText,
  followedAt: optionalTime,
  updatedAt: time,
});

export const cartCustomerData = z.object({
  id,
  memberId: id,
  cart: z.string().min(1),
  customerNumber: z.string().min(1),
  name: optionalText,
  phone: optionalText,
  email: optionalText,
  updatedAt: time,
});

export const productData = z.object({
  id,
  cart: z.string().min(1),
  code: z.string().min(1),
  name: z.string().min(1),
  kind: z.enum(productKinds),
  price: z.number().int().nonnegative(),
  updatedAt: time,
});

export const subscriptionData = z.object({
  id,
  cartCustomerId: id,
  productCode: z.string().min(1),
  productName: z.string().min(1),
  courseName: optionalText,
  status: z.enum(subscriptionStatuses),
  continuationCount: z.number().int().nonnegative(),
  startedAt: time,
  nextShipAt: optionalTime,
  stoppedAt: optionalTime,
  updatedAt: time,
});

export const orderItemData = z.object({
  lineNo: z.number().int().positive(),
  productCode: z.string().min(1),
  productName: z.string().min(1),
  quantity: z.number().int().positive(),
  price: z.number().int().nonnegative(),
});

export const orderData = z.object({
  id,
  cartCustomerId: id,
  orderNumber: z.string().min(1),
  parentOrderId: id.nullish(),
  subscriptionId: id.nullish(),
  status: z.string().min(1),
  total: z.number().int(),
  orderedAt: time,
  updatedAt: time,
  items: z.array(orderItemData),
});

export const tagData = z.object({
  id,
  name: z.string().min(1),
  folder: optionalText,
  updatedAt: time,
});

export const memberTagData = z.object({
  memberId: id,
  tagId: id,
  source: z.enum(tagSources),
  sourceDetail: optionalText,
  setAt: time,
});

/** The key, plus who removed the tag and when, so the history can say so. */
export const memberTagDeleteData = z.object({
  memberId: id,
  tagId: id,
  source: z.enum(tagSources).optional(),
  sourceDetail: optionalText,
  removedAt: time.optional(),
});

export const memoWrite = z.object({ field: z.string().min(1), text: z.string() });

export const crosssellConfigData = z.object({
  id,
  name: z.string().min(1),
  cart: z.string().min(1),
  cartLoginRef: optionalText,
  productName: z.string().min(1),
  productCode: z.string().min(1),
  kind: z.enum(productKinds),
  memoWrites: z.array(memoWrite),
  tagsAdd: z.array(id),
  tagsRemove: z.array(id),
  messageTemplate: z.string(),
  stopRunningSubscriptions: z.boolean(),
  /**
   * A second tap of this config by one member, while the first is open or within this many hours
   * after it was done, is not ordered again (absent: 24).
   */
  repeatWindowHours: z.number().int().min(0).max(720).nullish(),
  /** The completion status the robot gives a request it finishes (absent: クロスセル受付). */
  completionStatus: z.enum(completionStatuses).nullish(),
  updatedAt: time,
});

/**
 * A tag auto-setting rule as the feed carries it. Only its frame is checked here: the conditions
 * follow the rule shape of tags/rules/rule-schema.ts, which imports this module, so the full
 * check is assembled in feed-schemas.ts, where the pull side parses with it.
 */
export const tagRuleRecord = z.object({
  id,
  name: z.string().min(1),
  tagId: id,
  action: z.enum(['add', 'remove']),
  match: z.enum(['all', 'any']),
  groups: z.array(z.array(z.looseObject({ kind: z.string() })).min(1)).min(1),
  enabled: z.boolean(),
  /** Rules are evaluated in creation order, so the cloud's creation time travels with the rule. */
  createdAt: time,
  updatedAt: time,
});

/**
 * A message as data: its name and its parameters in order, a parameter being a message itself
 * where it is a word the screens must say in the viewer's language (see electron/core/loc/reasons.ts).
 */
export interface ReasonRecord {
  key: string;
  params: ReadonlyArray<string | number | ReasonRecord>;
}
export const reasonRecord: z.ZodType<ReasonRecord> = z.object({
  key: z.string().min(1).max(100),
  get params() {
    return z.array(z.union([z.string().max(2000), z.number(), reasonRecord])).max(20);
  },
});

export const robotResultData = z.object({
  outcome: z.enum(robotOutcomes),
  message: optionalText,
  /** The message as data, so staff read it in their language; absent from results reported before it existed. */
  reason: reasonRecord.nullish(),
  reportedAt: time,
});

/** Who holds the request's lease now, as the cloud last said: the screens show it and refuse to finish underneath it. */
export const locLeaseData = z.object({
  holder: z.string().min(1),
  since: time,
  expiresAt: time,
});

/** Who finished the request: a robot, by its workstation's name, or staff by the name they gave (null when none was given). */
export const finishedByData = z.object({
  kind: z.enum(finisherKinds),
  name: z.string().max(200).nullish(),
});

export const locRequestData = z.object({
  id,
  /**
   * Issued by the cloud, unique across shops and clouds: the order marker and the LINE retry key
   * derive from it, so two clouds whose integer ids collide never share one.
   */
  uid: z.uuid(),
  memberId: id,
  kind: z.enum(locKinds),
  crosssellConfigId: id.nullish(),
  status: z.enum(locStatuses),
  completionStatus: z.enum(completionStatuses).nullish(),
  note: optionalText,
  robotResult: robotResultData.nullish(),
  lease: locLeaseData.nullish(),
  finishedBy: finishedByData.nullish(),
  requestedAt: time,
  completedAt: optionalTime,
  updatedAt: time,
});

export const idKey = z.object({ id });

export type MemberData = z.infer<typeof memberData>;
export type CartCustomerData = z.infer<typeof cartCustomerData>;
export type ProductData = z.infer<typeof productData>;
export type SubscriptionData = z.infer<typeof subscriptionData>;
export type OrderItemData = z.infer<typeof orderItemData>;
export type OrderData = z.infer<typeof orderData>;
export type TagData = z.infer<typeof tagData>;
export type MemberTagData = z.infer<typeof memberTagData>;
export type MemberTagDeleteData = z.infer<typeof memberTagDeleteData>;
export type CrosssellConfigData = z.infer<typeof crosssellConfigData>;
export type TagRuleData = Omit<z.infer<typeof tagRuleRecord>, 'groups'> & { groups: RuleCondition[][] };
export type RobotResultData = z.infer<typeof robotResultData>;
export type LocRequestData = z.infer<typeof locRequestData>;
export type FinishedByData = z.infer<typeof finishedByData>;

/**
 * Upsert and delete payloads per entity; the feed carries nothing else. The pull side parses with
 * feedSchemas (feed-schemas.ts): these, with a tag rule's conditions checked too.
 */
export const entitySchemas = {
  member: { upsert: memberData, delete: idKey },
  cart_customer: { upsert: cartCustomerData, delete: idKey },
  product: { upsert: productData, delete: idKey },
  subscription: { upsert: subscriptionData, delete: idKey },
  order: { upsert: orderData, delete: idKey },
  tag: { upsert: tagData, delete: idKey },
  member_tag: { upsert: memberTagData, delete: memberTagDeleteData },
  crosssell_config: { upsert: crosssellConfigData, delete: idKey },
  loc_request: { upsert: locRequestData, delete: idKey },
  tag_rule: { upsert: tagRuleRecord, delete: idKey },
} as const;

export type Entity = keyof typeof entitySchemas;
export const entities = Object.keys(entitySchemas) as Entity[];

export function isEntity(value: unknown): value is Entity {
  return typeof value === 'string' && Object.hasOwn(entitySchemas, value);
}

export interface EntityPayloads {
  member: { upsert: MemberData; delete: { id: number } };
  cart_customer: { upsert: CartCustomerData; delete: { id: number } };
  product: { upsert: ProductData; delete: { id: number } };
  subscription: { upsert: SubscriptionData; delete: { id: number } };
  order: { upsert: OrderData; delete: { id: number } };
  tag: { upsert: TagData; delete: { id: number } };
  member_tag: { upsert: MemberTagData; delete: MemberTagDeleteData };
  crosssell_config: { upsert: CrosssellConfigData; delete: { id: number } };
  loc_request: { upsert: LocRequestData; delete: { id: number } };
  tag_rule: { upsert: TagRuleData; delete: { id: number } };
}

/** One change as the feed carries it, typed for producers (the sandbox, the benchmark). */
export type Change = {
  [E in Entity]:
    | { seq: number; entity: E; op: 'upsert'; data: EntityPayloads[E]['upsert'] }
    | { seq: number; entity: E; op: 'delete'; data: EntityPayloads[E]['delete'] };
}[Entity];

/** The envelope every change must have before its payload is even looked at. */
export const changeEnvelope = z.object({
  seq: z.number().int().nonnegative(),
  entity: z.string(),
  op: z.enum(['upsert', 'delete']),
  data: z.unknown(),
});

export const changesPage = z.object({
  changes: z.array(z.unknown()),
  next: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type ChangesPage = z.infer<typeof changesPage>;
