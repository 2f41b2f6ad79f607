import { mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../cloud/server';
import { startEcforceSandbox, type EcforceSandbox } from '../ecforce/server';
import { startLineSandbox, type LineSandbox } from '../line/server';
import { callSandbox, firstFollower, pushBody } from '../line/testing';
import { fillCartFromCloud } from './cart-from-cloud';
import { openKeptShop } from './kept-shop';

/** The demo's shop written to a folder and read back into freshly started sandboxes. */
const folder = mkdtempSync(path.join(os.tmpdir(), 'tanto-kept-shop-'));
const size = { members: 200, orders: 1000 };
let cloud: CloudSandbox;
let ecforce: EcforceSandbox;
let line: LineSandbox;
const started: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  [cloud, ecforce, line] = await Promise.all([startCloudSandbox({ members: size.members, orders: size.orders }), startEcforceSandbox({ seed: false }), startLineSandbox()]);
  started.push(cloud, ecforce, line);
  fillCartFromCloud(cloud, ecforce);
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  rmSync(folder, { recursive: true, force: true });
});

async function reopened() {
  const [again, cart, messages] = await Promise.all([startCloudSandbox({ members: 0 }), startEcforceSandbox({ seed: false }), startLineSandbox()]);
  started.push(again, cart, messages);
  const kept = openKeptShop(folder);
  kept.restore({ cloud: again, ecforce: cart, line: messages });
  return { kept, cloud: again, ecforce: cart, line: messages };
}

const feedOf = (c: CloudSandbox) => c.store.changesSince(0, c.store.head()).changes;
const cartOf = (e: EcforceSandbox) => {
  const { orders, subscriptions, customers, products } = e.inspect() as unknown as Record<string, unknown>;
  return { orders, subscriptions, customers, products };
};

describe('the kept demo shop', () => {
  it('comes back as it was saved: the same feed, answers and usage in the cloud, the same rows in the cart, with ids that go on', async () => {
    const request = [...cloud.store.locRequests.values()][0]!;
    cloud.store.upsert('loc_request', { ...request, status: 'done', updatedAt: new Date().toISOString() });
    cloud.store.answered.set('op-1', { status: 'applied' });
    cloud.store.usage.set('2026-12', 3);
    const customer = [...ecforce.store.customers.values()][0]!;
    const product = [...ecforce.store.products.values()][0]!;
    ecforce.store.addOrder({ customerId: customer.id, items: [{ product, quantity: 2 }], paymentMethod: '代金引換', memo: 'TANTO:x', createdAt: new Date(), createdBy: 'robot@example.jp' });
    openKeptShop(folder).save({ cloud, ecforce, line }, size);

    const back = await reopened();
    expect(back.kept.size).toEqual(size);
    expect(feedOf(back.cloud)).toEqual(feedOf(cloud));
    expect(back.cloud.store.locRequests.get(request.id)?.status).toBe('done');
    expect(back.cloud.store.answered.get('op-1')).toEqual({ status: 'applied' });
    expect(back.cloud.store.usage.get('2026-12')).toBe(3);
    expect(cartOf(back.ecforce)).toEqual(cartOf(ecforce));
    const next = back.ecforce.store.addOrder({ customerId: customer.id, items: [{ product, quantity: 1 }], paymentMethod: '代金引換', memo: '', createdAt: new Date(), createdBy: null });
    expect(next.id).toBe(Math.max(...ecforce.store.orders.keys()) + 1);
  });

  it('appends only what is new to the feed, and ignores feed lines a save did not finish', async () => {
    const keeper = openKeptShop(folder);
    const head = cloud.store.head();
    cloud.store.upsert('tag', { id: 999, name: '新しいタグ', folder: null, updatedAt: new Date().toISOString() });
    keeper.save({ cloud, ecforce, line }, size);
    // A save killed between appending to the feed and replacing shop.json leaves lines no state names.
    appendFileSync(path.join(folder, 'cloud-feed.jsonl'), '{"seq":99999,"entity":"tag","op":"upsert","data":{"id":1000,"na');
    const back = await reopened();
    expect(back.cloud.store.head()).toBe(head + 1);
    expect(back.cloud.store.tags.get(999)?.name).toBe('新しいタグ');
    expect(back.cloud.store.tags.has(1000)).toBe(false);
  });

  it('keeps what LINE delivered and the retry keys it took: a push resumed at the next run is answered 409 and not sent again', async () => {
    const to = firstFollower(line);
    const retryKey = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
    const push = (sandbox: LineSandbox, text: string, headers: Record<string, string> = { 'x-line-retry-key': retryKey }) =>
      callSandbox(sandbox, '/v2/bot/message/push', { method: 'POST', headers, body: pushBody(to, [text]) });
    const idOf = (answer: { body: unknown }) => BigInt((answer.body as { sentMessages: Array<{ id: string }> }).sentMessages[0]!.id);
    const first = await push(line, '前回の送信');
    expect(first.status).toBe(200);
    openKeptShop(folder).save({ cloud, ecforce, line }, size);

    const back = await reopened();
    expect(back.line.delivered()).toEqual(line.delivered());
    expect(back.line.inspect().retryKeys).toEqual([retryKey]);
    expect((await push(back.line, '再開した送信')).status).toBe(409);
    expect(back.line.delivered()).toEqual(line.delivered());
    // A new message gets an id after the kept ones, never one LINE already gave.
    const fresh = await push(back.line, '新しい送信', {});
    expect(fresh.status).toBe(200);
    expect(idOf(fresh)).toBeGreaterThan(idOf(first));
  });

  it('refuses a feed shorter than the shop names, saying to start fresh', async () => {
    writeFileSync(path.join(folder, 'cloud-feed.jsonl'), '');
    await expect(reopened()).rejects.toThrow(/--fresh/);
  });
});
