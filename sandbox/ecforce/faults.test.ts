import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEcforceSandbox, type EcforceSandbox } from './server';
import { pageHeading, signedInClient } from './testing';

let sandbox: EcforceSandbox;

beforeAll(async () => {
  sandbox = await startEcforceSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function setFaults(body: unknown): Promise<number> {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(body) });
  await response.body?.cancel();
  return response.status;
}

describe('fault injection', () => {
  it('adds latency', async () => {
    const client = await signedInClient(sandbox);
    expect(await setFaults({ latencyMs: { min: 150, max: 150 } })).toBe(200);
    const started = performance.now();
    await client.get('/admin');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers the HTML 500 page at the error rate, before anything is changed', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/1/edit');
    await setFaults({ errorRate: 1 });
    const answer = await client.post('/admin/orders/1', { _method: 'patch', 'order[memo]': 'lost' });
    expect(answer.status).toBe(500);
    expect(pageHeading(answer.html)).toBe('システムエラーが発生しました');
    expect(sandbox.inspect().orders.find((o) => o.id === 1)?.memo).not.toBe('lost');
    expect(sandbox.inspect().posts.at(-1)).toMatchObject({ status: 500, mutated: false });
  });

  it('answers 503 during an outage', async () => {
    const client = await signedInClient(sandbox);
    await setFaults({ outage: true });
    const answer = await client.get('/admin/orders');
    expect(answer.status).toBe(503);
    expect(pageHeading(answer.html)).toBe('ただいまメンテナンス中です');
  });

  it('expires the session every N signed-in requests', async () => {
    const client = await signedInClient(sandbox);
    await setFaults({ expireSessionEveryRequests: 3 });
    expect((await client.get('/admin/orders')).status).toBe(200);
    expect((await client.get('/admin/orders')).status).toBe(200);
    expect((await client.get('/admin/orders')).location).toBe('/admin/sign_in');
  });

  it('commits and then answers 500 when failAfterCommit is set', async () => {
    const client = await signedInClient(sandbox);
    await client.get('/admin/orders/1/edit');
    await setFaults({ failAfterCommit: 1 });
    const answer = await client.post('/admin/orders/1', { _method: 'patch', 'order[memo]': 'saved anyway' });
    expect(answer.status).toBe(500);
    expect(sandbox.inspect().orders.find((o) => o.id === 1)?.memo).toBe('saved anyway');
    expect(sandbox.inspect().faults.failAfterCommit).toBe(0);
  });

  it('serves the variant layout: same headings, renamed ids, classes and labels, moved menu', async () => {
    const client = await signedInClient(sandbox);
    const standard = await client.get('/admin/orders/1/edit');
    expect(standard.html).toContain('id="order_memo"');
    expect(standard.html).toContain('aria-label="サイドメニュー"');
    await setFaults({ layout: 'variant' });
    const variant = await client.get('/admin/orders/1/edit');
    expect(pageHeading(variant.html)).toBe('受注詳細');
    expect(variant.html).not.toContain('id="order_memo"');
    expect(variant.html).toContain('id="memo_field"');
    expect(variant.html).toContain('>社内メモ</label>');
    expect(variant.html).toContain('aria-label="グローバルメニュー"');
    expect(variant.html).not.toContain('aria-label="サイドメニュー"');
    const login = await fetch(`${sandbox.url}/admin/sign_in`).then((r) => r.text());
    expect(login).toContain('id="login_pass"');
  });

  it('refuses unknown fault settings', async () => {
    expect(await setFaults({ layout: 'retro' })).toBe(400);
    expect(await setFaults({ nonsense: 1 })).toBe(400);
  });
});
