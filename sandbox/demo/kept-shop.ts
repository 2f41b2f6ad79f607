import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Entity } from '../../electron/core/sync/change-schemas';
import type { MutationStatus } from '../../electron/core/sync/mutation-schemas';
import type { CloudSandbox } from '../cloud/server';
import type { FeedChange, LeaseRecord, MutationRecord } from '../cloud/store';
import type { EcforceSandbox } from '../ecforce/server';
import type { Customer, Order, Product, Subscription } from '../ecforce/model';
import type { LineKeptState, LineSandbox } from '../line/server';

/**
 * The demo's shop kept between runs: the sandboxes live in memory, so what the cloud and the cart
 * hold is written to the demo folder and read back at the next start. The cloud's feed is
 * append-only, so it is appended to `cloud-feed.jsonl`; everything else (the shop's size, the
 * cloud's answers, usage and leases, the cart's products, customers, subscriptions and orders)
 * is one JSON file replaced atomically, which names how many lines of the feed belong to it: a
 * feed line written by a save that did not finish is ignored. Of the LINE sandbox, what LINE
 * would still know is kept in the same file (the messages it delivered and the retry keys it
 * accepted), so a run that resumes a send is answered as LINE would and the demo's count of
 * duplicate messages spans runs; its friends are the cloud's members, added again at every start.
 * A shop kept before LINE was (no `line` in the file) opens with an empty LINE sandbox.
 */
export interface KeptShopSize {
  members: number;
  orders: number;
}

interface KeptState extends KeptShopSize {
  version: 1;
  savedAt: string;
  cloud: {
    head: number;
    answered: Array<[string, { status: MutationStatus; reason?: string }]>;
    mutations: MutationRecord[];
    usage: Array<[string, number]>;
    leases: LeaseRecord[];
  };
  cart: { products: Product[]; customers: Customer[]; subscriptions: Subscription[]; orders: Order[] };
  line?: LineKeptState;
}

type KeptSandboxes = { cloud: CloudSandbox; ecforce: EcforceSandbox; line: LineSandbox };

const STATE_FILE = 'shop.json';
const FEED_FILE = 'cloud-feed.jsonl';

export interface KeptShop {
  /** The shop's size as first made; undefined when the folder holds no shop yet. */
  size: KeptShopSize | undefined;
  /** Fills freshly started, empty sandboxes with the kept shop. */
  restore(sandboxes: KeptSandboxes): void;
  /** Writes what changed since the last save; cheap when nothing did. */
  save(sandboxes: KeptSandboxes, size: KeptShopSize): void;
}

export function openKeptShop(folder: string): KeptShop {
  const stateFile = path.join(folder, STATE_FILE);
  const feedFile = path.join(folder, FEED_FILE);
  const kept = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as KeptState) : undefined;
  if (kept && kept.version !== 1) throw new Error(`${stateFile} was written by another version of the demo; start fresh with --fresh`);
  let savedHead = kept?.cloud.head ?? 0;
  let lastWritten = '';
  return {
    size: kept ? { members: kept.members, orders: kept.orders } : undefined,
    restore({ cloud, ecforce, line }) {
      if (!kept) return;
      restoreCloud(cloud, readFeed(feedFile, kept.cloud.head), kept.cloud);
      restoreCart(ecforce, kept.cart);
      if (kept.line) line.restore(kept.line);
    },
    save({ cloud, ecforce, line }, size) {
      mkdirSync(folder, { recursive: true });
      const head = cloud.store.head();
      if (savedHead === 0 && existsSync(feedFile)) writeFileSync(feedFile, '');
      if (head > savedHead) {
        const { changes } = cloud.store.changesSince(savedHead, head - savedHead);
        appendFileSync(feedFile, changes.map((c) => `${JSON.stringify(c)}\n`).join(''));
      }
      const state = {
        version: 1,
        ...size,
        cloud: {
          head,
          answered: [...cloud.store.answered],
          mutations: cloud.store.mutations,
          usage: [...cloud.store.usage],
          leases: [...cloud.store.leases.values()],
        },
        cart: {
          products: [...ecforce.store.products.values()],
          customers: [...ecforce.store.customers.values()],
          subscriptions: [...ecforce.store.subscriptions.values()],
          orders: [...ecforce.store.orders.values()],
        },
        line: line.keep(),
      };
      const body = JSON.stringify(state);
      savedHead = head;
      if (body === lastWritten) return;
      const temporary = `${stateFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ ...state, savedAt: new Date().toISOString() }));
      renameSync(temporary, stateFile);
      lastWritten = body;
    },
  };
}

function readFeed(file: string, head: number): FeedChange[] {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  if (lines.length - 1 < head) throw new Error(`${file} holds fewer changes than the kept shop names; start fresh with --fresh`);
  return lines.slice(0, head).map((line) => JSON.parse(line) as FeedChange);
}

const entities: ReadonlySet<string> = new Set<Entity>([
  'member',
  'cart_customer',
  'product',
  'subscription',
  'order',
  'tag',
  'member_tag',
  'crosssell_config',
  'loc_request',
  'tag_rule',
]);

/** Replays the feed through the store's own writes, so every row and every seq come back as they were. */
function restoreCloud(cloud: CloudSandbox, feed: readonly FeedChange[], kept: KeptState['cloud']): void {
  const store = cloud.store;
  if (store.head() !== 0) throw new Error('the kept shop is restored into an empty cloud only');
  for (const change of feed) {
    if (entities.has(change.entity) && change.op === 'upsert') store.upsert(change.entity as Entity, change.data as never);
    else if (entities.has(change.entity) && change.op === 'delete') store.remove(change.entity as Entity, change.data as never);
    else store.appendRaw(change.entity, change.op, change.data);
  }
  for (const [opId, answer] of kept.answered) store.answered.set(opId, answer);
  store.mutations.push(...kept.mutations);
  for (const [period, count] of kept.usage) store.usage.set(period, count);
  for (const lease of kept.leases) store.leases.set(lease.requestId, lease);
}

/** Adds the kept rows in id order through the store's own adds (which hand out the next ids), then restores every field. */
function restoreCart(ecforce: EcforceSandbox, kept: KeptState['cart']): void {
  const store = ecforce.store;
  if (store.products.size + store.customers.size + store.orders.size + store.subscriptions.size !== 0) {
    throw new Error('the kept shop is restored into an empty cart only');
  }
  const product = (id: number) => {
    const found = store.products.get(id);
    if (!found) throw new Error(`the kept cart refers to product ${id}, which it does not hold`);
    return found;
  };
  const exact = <T extends { id: number }>(made: T, row: T) => {
    if (made.id !== row.id) throw new Error(`the kept cart's rows are not numbered in sequence (${row.id} came back as ${made.id})`);
    Object.assign(made, row);
  };
  const byId = <T extends { id: number }>(rows: readonly T[]) => [...rows].sort((a, b) => a.id - b.id);
  for (const row of byId(kept.products)) exact(store.addProduct({ code: row.code, name: row.name, kind: row.kind, price: row.price }), row);
  for (const row of byId(kept.customers)) {
    const { id: _id, ...customer } = row;
    exact(store.addCustomer(customer), row);
  }
  for (const row of byId(kept.subscriptions)) {
    const made = store.addSubscription({
      customerId: row.customerId,
      product: product(row.productId),
      courseName: row.courseName,
      orderCount: row.orderCount,
      status: row.status,
      nextDeliveryOn: row.nextDeliveryOn,
      createdAt: new Date(row.createdAt),
    });
    exact(made, row);
  }
  for (const row of byId(kept.orders)) {
    const made = store.addOrder({
      customerId: row.customerId,
      items: row.items.map((item) => ({ product: product(item.productId), quantity: item.quantity })),
      paymentMethod: row.paymentMethod,
      memo: row.memo,
      createdAt: new Date(row.createdAt),
      createdBy: row.createdBy,
    });
    exact(made, row);
  }
}
