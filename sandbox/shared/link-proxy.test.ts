import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenLoopback, sendJson, type RunningServer } from './http';
import { startLinkProxy, type LinkProxy } from './link-proxy';

let target: RunningServer;
let link: LinkProxy;
let releaseSlow: (() => void) | undefined;

beforeAll(async () => {
  target = await listenLoopback((req, res) => {
    if (req.url === '/slow') {
      // Answers only when the test says so, so a request can be in flight when the link is cut.
      releaseSlow = () => sendJson(res, 200, { slow: true });
      return;
    }
    sendJson(res, 200, { path: req.url });
  });
  link = await startLinkProxy(target.url);
});
afterAll(async () => {
  await link.close();
  await target.close();
});

async function failsFast(request: Promise<Response>): Promise<number> {
  const started = performance.now();
  await expect(request).rejects.toThrow();
  return performance.now() - started;
}

it('passes requests through until cut, fails them at once while cut, and passes them again once restored', async () => {
  expect(link.url).toBe(`http://127.0.0.1:${link.port}`);
  expect(await (await fetch(`${link.url}/v1/changes?since=0`)).json()).toEqual({ path: '/v1/changes?since=0' });

  const inFlight = fetch(`${link.url}/slow`);
  await new Promise((resolve) => setTimeout(resolve, 50));
  link.cut();
  expect(link.isCut).toBe(true);
  expect(await failsFast(inFlight)).toBeLessThan(1000);
  releaseSlow?.();
  // New requests fail as quickly as the one in flight did, whatever connection the client tries.
  expect(await failsFast(fetch(`${link.url}/again`))).toBeLessThan(1000);
  expect(await failsFast(fetch(`${link.url}/again`, { method: 'POST', body: '{}' }))).toBeLessThan(1000);

  link.restore();
  expect(link.isCut).toBe(false);
  expect(await (await fetch(`${link.url}/back`)).json()).toEqual({ path: '/back' });
});
