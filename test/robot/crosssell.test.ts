import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app';
import { billingPeriod } from '../../electron/core/robot/period';
import { crosssellLedger } from '../../sandbox/demo/crosssell-ledger';
import { SEEDED_CUSTOMERS } from '../../sandbox/ecforce/seed';
import { endpointsOf, scratchDir, startRobotCore, startSandboxes, type Sandboxes } from './world';

let s: Sandboxes;
let core: Core;
let scratch: { dir: string; remove(): void };

beforeAll(async () => {
  s = await startSandboxes({ customers: 20 });
  scratch = scratchDir();
  core = await startRobotCore(endpointsOf(s), { dataDir: scratch.dir, concurrency: 2 });
});
afterAll(async () => {
  await core?.close();
  await s?.close();
  scratch?.remove();
});

const tagNamed = (name: string) => {
  const tag = [...s.cloud.store.tags.values()].find((t) => t.name === name);
  if (!tag) throw new Error(`no tag ${name}`);
  return tag.id;
};

describe('the cross-sell robot on 20 requests', () => {
  it('does each one exactly once: order with marker and memo, the right subscriptions stopped, one message, tags, statuses and usage', { timeout: 240_000 }, async () => {
    const { world, cloud, ecforce } = s;
    const customers = world.customers;
    expect(customers).toHaveLength(20);
    expect(customers.some((c) => c.runningSubscriptions === 3)).toBe(true);
    expect(customers.some((c) => /\p{Extended_Pictographic}/u.test(c.name))).toBe(true);
    expect(customers.some((c) => /[Ａ-Ｚ\u3000]/.test(c.name))).toBe(true);

    // The single-product cross-sell removes クロスセル案内済: give everyone that tag first.
    const invited = tagNamed('クロスセル案内済');
    const accepted = tagNamed('クロスセル受付済');
    for (const c of customers) cloud.store.upsert('member_tag', { memberId: c.memberId, tagId: invited, source: 'cloud', sourceDetail: null, setAt: cloud.store.clock.now().toISOString() });

    // Everyone with running subscriptions takes the subscription cross-sell (which stops them), the rest alternate.
    const plan = customers.map((c, index) => ({
      customer: c,
      configId: c.runningSubscriptions > 0 || index % 2 === 0 ? world.configIds.subscription : world.configIds.single,
    }));
    expect(plan.filter((p) => p.configId === world.configIds.single).length).toBeGreaterThan(3);
    const before = ecforce.inspect();
    const requests = new Map<number, (typeof plan)[number]>();
    for (const p of plan) requests.set(await world.tap(p.customer.memberId, p.configId), p);

    await core.sync.now();
    core.robot?.start();
    await core.robot?.whenIdle();
    await core.sync.now();

    const ledger = await crosssellLedger({ cloud: { url: cloud.url, token: cloud.token }, ecforceUrl: ecforce.url, lineUrl: s.line.url }, [...requests.keys()]);
    expect(ledger).toMatchObject({ requests: 20, done: 20, needsManual: 0, orders: 20, duplicateOrders: 0, messages: 20, duplicateMessages: 0 });

    const after = ecforce.inspect();
    const newOrders = after.orders.filter((o) => !before.orders.some((b) => b.id === o.id));
    expect(newOrders).toHaveLength(20);
    const delivered = s.line.delivered();
    for (const [requestId, { customer, configId }] of requests) {
      const order = newOrders.find((o) => o.memo.includes(`TANTO:${s.cloud.store.locRequests.get(requestId)?.uid ?? '-'}`));
      expect(order, `order of request ${requestId}`).toBeDefined();
      expect(order?.customerNumber).toBe(customer.customerNumber);
      const single = configId === world.configIds.single;
      expect(order?.items.map((i) => i.code)).toEqual([single ? 'SKN-002' : 'SUB-HLT-001']);
      expect(order?.memo).toContain(single ? 'LINEワンタップクロスセル（化粧水）' : 'LINEワンタップ定期乗り換え');

      const wasRunning = before.subscriptions.filter((x) => x.customerNumber === customer.customerNumber && x.status === '有効');
      const nowSubs = after.subscriptions.filter((x) => x.customerNumber === customer.customerNumber);
      if (single) {
        for (const sub of wasRunning) expect(nowSubs.find((x) => x.id === sub.id)?.status).toBe('有効');
        expect(nowSubs).toHaveLength(before.subscriptions.filter((x) => x.customerNumber === customer.customerNumber).length);
      } else {
        for (const sub of wasRunning) expect(nowSubs.find((x) => x.id === sub.id)?.status, `subscription ${sub.number}`).toBe('停止');
        const created = nowSubs.filter((x) => !before.subscriptions.some((b) => b.id === x.id));
        expect(created).toHaveLength(1);
        expect(created[0]?.status).toBe('有効');
        expect(created[0]?.id).toBe(order?.subscriptionId);
        expect(created[0]?.memo).toContain('旧定期は停止済み');
      }
      // Subscriptions that were not running are left exactly as they were.
      for (const sub of before.subscriptions.filter((x) => x.customerNumber === customer.customerNumber && x.status !== '有効')) {
        expect(nowSubs.find((x) => x.id === sub.id)?.status).toBe(sub.status);
      }

      const messages = delivered.filter((m) => m.to === customer.lineUserId);
      expect(messages).toHaveLength(1);
      const text = (messages[0]?.messages[0] as { text: string }).text;
      expect(text.startsWith(`${customer.name}様`)).toBe(true);
      if (single) expect(text).toContain('「保湿化粧水 150mL」を承りました');
      expect(text).not.toMatch(/[{｛]/);

      const tags = [...cloud.store.memberTags.values()].filter((t) => t.memberId === customer.memberId).map((t) => t.tagId);
      expect(tags).toContain(accepted);
      if (single) expect(tags).not.toContain(invited);
      else expect(tags).toContain(invited);
      expect(cloud.store.locRequests.get(requestId)?.status).toBe('done');
    }
    expect(after.orders.filter((o) => o.customerNumber === SEEDED_CUSTOMERS.threeRunning).length).toBeGreaterThan(0);
    expect((await (await fetch(`${cloud.url}/_sandbox/inspect`, { headers: { authorization: `Bearer ${cloud.token}` } })).json()).usage).toEqual({
      [billingPeriod(new Date())]: 20,
    });
    // Counted per Japan day too, so the usage fee of any billing period is the cloud's answer.
    expect([...cloud.store.usageByDay.values()].reduce((sum, n) => sum + n, 0)).toBe(20);
    expect(await core.api.call('usage.get', {})).toMatchObject({ result: { scope: 'shop', successes: 20, amountYen: 1000 } });

    // The replica agrees once synced, and the journal tells the story.
    const local = core.db.prepare(`SELECT status, count(*) AS n FROM loc_requests GROUP BY status`).all();
    expect(local).toEqual([{ status: 'done', n: 20 }]);
    expect(core.sync.status()).toMatchObject({ pending: 0, rejected: [] });
    const steps = core.db.prepare(`SELECT step FROM run_steps WHERE state = 'done' GROUP BY step ORDER BY min(id)`).pluck().all();
    expect(steps).toEqual(['prepare', 'create_order', 'stop_subscriptions', 'write_memo', 'send_message', 'finish']);
  });
});
