import type { Clock } from '../../electron/core/clock';
import type {
  CartCustomerData,
  CrosssellConfigData,
  Entity,
  EntityPayloads,
  LocRequestData,
  MemberData,
  MemberTagData,
  MemberTagDeleteData,
  OrderData,
  ProductData,
  SubscriptionData,
  TagData,
  TagRuleData,
} from '../../electron/core/sync/change-schemas';
import type { MutationStatus } from '../../electron/core/sync/mutation-schemas';
import { changesOf, type DemoShop } from './seed';

/** A change as the sandbox keeps it; entity and data are loose so a malformed change can be served too. */
export interface FeedChange {
  seq: number;
  entity: string;
  op: string;
  data: unknown;
}

export interface MutationRecord {
  opId: string;
  kind: string;
  status: MutationStatus;
  reason?: string;
  receivedAt: string;
}

export interface LeaseRecord {
  requestId: number;
  leaseId: string;
  holder: string;
  /** When this holder's lease began; renewals and a restart taking it back keep it. */
  since: number;
  expiresAt: number;
  /** The lifetime last granted. */
  ttlSeconds: number;
}

/** The longest lease the cloud grants, whatever a workstation asks for. */
export const MAX_LEASE_SECONDS = 3600;

/** Wall time plus whatever tests advanced it by, so leases can expire without anyone sleeping. */
export interface SandboxClock extends Clock {
  advance(seconds: number): void;
}

export function createSandboxClock(base: Clock = { now: () => new Date() }): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => new Date(base.now().getTime() + offsetMs),
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
  };
}

export interface ChangesSlice {
  changes: FeedChange[];
  next: number;
  head: number;
  hasMore: boolean;
}

export const memberTagKey = (memberId: number, tagId: number) => `${memberId}:${tagId}`;

/**
 * The cloud's state for one shop, in memory. The feed is an append-only array indexed by
 * seq - 1, so a page is a slice and costs nothing to find however long the feed grows.
 */
export class CloudStore {
  readonly members = new Map<number, MemberData>();
  readonly cartCustomers = new Map<number, CartCustomerData>();
  readonly products = new Map<number, ProductData>();
  readonly subscriptions = new Map<number, SubscriptionData>();
  readonly orders = new Map<number, OrderData>();
  readonly tags = new Map<number, TagData>();
  readonly memberTags = new Map<string, MemberTagData>();
  readonly crosssellConfigs = new Map<number, CrosssellConfigData>();
  readonly locRequests = new Map<number, LocRequestData>();
  readonly tagRules = new Map<number, TagRuleData>();

  readonly mutations: MutationRecord[] = [];
  /** The first answer given for each operation id; replays are answered from here. */
  readonly answered = new Map<string, { status: MutationStatus; reason?: string; code?: string }>();
  readonly leases = new Map<number, LeaseRecord>();
  /** Tests lower it to see a workstation live with a shorter lease than it asked for. */
  maxLeaseSeconds = MAX_LEASE_SECONDS;
  /** Billed successes per month (YYYY-MM), as the shop's invoice reads them. */
  readonly usage = new Map<string, number>();
  /** Billed successes per Japan day (YYYY-MM-DD), so any billing period can be counted. */
  readonly usageByDay = new Map<string, number>();

  private readonly feed: FeedChange[] = [];

  constructor(readonly clock: SandboxClock) {}

  seed(shop: DemoShop): void {
    for (const change of changesOf(shop, this.feed.length + 1)) {
      this.put(change.entity, change.data);
      this.feed.push(change);
    }
  }

  head(): number {
    return this.feed.length;
  }

  changesSince(since: number, limit: number): ChangesSlice {
    const changes = this.feed.slice(since, since + limit);
    const next = since + changes.length;
    return { changes, next, head: this.feed.length, hasMore: next < this.feed.length };
  }

  upsert<E extends Entity>(entity: E, data: EntityPayloads[E]['upsert']): void {
    this.put(entity, data);
    this.append(entity, 'upsert', data);
  }

  /** Removes a row and announces it; data is the key plus whatever the feed should say about it. */
  remove(entity: Entity, data: { id: number } | MemberTagDeleteData): void {
    if ('id' in data) this.tableOf(entity).delete(data.id);
    else this.memberTags.delete(memberTagKey(data.memberId, data.tagId));
    this.append(entity, 'delete', data);
  }

  /** Appends a change without touching state: how tests get a malformed change into the feed. */
  appendRaw(entity: string, op: string, data: unknown): FeedChange {
    return this.append(entity, op, data);
  }

  counts(): Record<Entity | 'order_item', number> {
    let items = 0;
    for (const order of this.orders.values()) items += order.items.length;
    return {
      member: this.members.size,
      cart_customer: this.cartCustomers.size,
      product: this.products.size,
      subscription: this.subscriptions.size,
      order: this.orders.size,
      order_item: items,
      tag: this.tags.size,
      member_tag: this.memberTags.size,
      crosssell_config: this.crosssellConfigs.size,
      loc_request: this.locRequests.size,
      tag_rule: this.tagRules.size,
    };
  }

  nextId(entity: Exclude<Entity, 'member_tag'>): number {
    let max = 0;
    for (const key of this.tableOf(entity).keys()) if ((key as number) > max) max = key as number;
    return max + 1;
  }

  private append(entity: string, op: string, data: unknown): FeedChange {
    const change = { seq: this.feed.length + 1, entity, op, data };
    this.feed.push(change);
    return change;
  }

  private put(entity: Entity, data: unknown): void {
    if (entity === 'member_tag') {
      const row = data as MemberTagData;
      this.memberTags.set(memberTagKey(row.memberId, row.tagId), row);
    } else {
      this.tableOf(entity).set((data as { id: number }).id, data);
    }
  }

  private tableOf(entity: Entity): Map<number, unknown> {
    switch (entity) {
      case 'member':
        return this.members;
      case 'cart_customer':
        return this.cartCustomers;
      case 'product':
        return this.products;
      case 'subscription':
        return this.subscriptions;
      case 'order':
        return this.orders;
      case 'tag':
        return this.tags;
      case 'crosssell_config':
        return this.crosssellConfigs;
      case 'loc_request':
        return this.locRequests;
      case 'tag_rule':
        return this.tagRules;
      case 'member_tag':
        throw new Error('member tags are keyed by member and tag');
    }
  }
}
