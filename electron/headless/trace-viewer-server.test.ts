import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchRobotBrowser } from '../../automation/browser';
import { scrubTraceFile } from '../../automation/trace-scrub';
import { request } from './test-fixture';
import { serveTraceViewer, type TraceViewerSession } from './trace-viewer-server';

/**
 * The desktop app's trace window, as far as it runs without Electron: a real trace recorded by
 * Chromium against a page that sets a session cookie, scrubbed as the robot scrubs its traces,
 * served on its own loopback origin under a path of its own, and opened in Chromium, where
 * Playwright's viewer reads it through its service worker and shows what the page did.
 */

const SESSION = 'sess-4f1c9a7e2b';
let tmp: string;
let browser: Browser;
let site: http.Server;
let tracePath: string;
let session: TraceViewerSession;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tanto-trace-window-'));
  site = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': `_admin_session=${SESSION}; Path=/; HttpOnly` });
    res.end('<!doctype html><title>受注登録</title><h1>受注登録</h1><button onclick="this.textContent=\'登録しました\'">登録する</button>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/admin/orders/new`;
  browser = await launchRobotBrowser({ headless: true });
  const context = await browser.newContext();
  await context.tracing.start({ snapshots: true, screenshots: false, title: 'クロスセル' });
  const page = await context.newPage();
  await page.goto(siteUrl);
  await page.goto(siteUrl);
  await page.getByRole('button', { name: '登録する' }).click();
  tracePath = path.join(tmp, 'trace.zip');
  await context.tracing.stop({ path: tracePath });
  await context.close();
  await scrubTraceFile(tracePath);
  session = await serveTraceViewer(readFileSync(tracePath));
}, 120_000);

afterAll(async () => {
  await session?.close();
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

describe('the trace window server', () => {
  it("shows the scrubbed trace in Playwright's viewer, read through its service worker", async () => {
    expect(readFileSync(tracePath).toString('latin1')).not.toContain(SESSION);
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    try {
      await page.goto(session.url);
      const click = page.getByText("Click getByRole('button', { name: '登録する' })");
      await click.first().waitFor({ timeout: 60_000 });
      expect(await page.getByText('Navigate').count()).toBeGreaterThanOrEqual(2);
      await click.first().click();
      // The DOM snapshot of the cart page, framed by the viewer from its own origin.
      const snapshot = page.frameLocator('iframe[name=snapshot]').first();
      await expect.poll(() => snapshot.locator('h1').textContent(), { timeout: 60_000 }).toBe('受注登録');
      await page.getByText('Network', { exact: true }).click();
      await expect.poll(() => page.getByText('/admin/orders/new').count()).toBeGreaterThan(0);
      expect(await page.locator('body').innerText()).not.toContain(SESSION);
      await page.screenshot({ path: path.join(os.tmpdir(), 'tanto-trace-window.png') });
    } finally {
      await page.close();
    }
  });

  it('answers only under its own path, for its own host name, and only to reading', async () => {
    const url = new URL(session.url);
    const port = Number(url.port);
    const base = url.pathname.replace(/index\.html$/, '');
    const trace = await request(port, { path: `${base}trace.zip` });
    expect(trace.status).toBe(200);
    expect(trace.headers['content-type']).toBe('application/zip');
    expect(trace.headers['cache-control']).toBe('no-store');
    expect((await request(port, { path: '/index.html' })).status).toBe(404);
    expect((await request(port, { path: '/trace.zip' })).status).toBe(404);
    expect((await request(port, { path: `${base}../trace.zip` })).status).toBe(404);
    expect((await request(port, { path: `${base}trace.zip`, headers: { host: `tanto.example:${port}` } })).status).toBe(421);
    expect((await request(port, { path: `${base}trace.zip`, method: 'POST', body: '{}' })).status).toBe(405);
    const page = await request(port, { path: `${base}index.html` });
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');

    const another = await serveTraceViewer(new Uint8Array([1, 2, 3]));
    try {
      expect(new URL(another.url).pathname).not.toBe(url.pathname);
      expect(new URL(another.url).pathname).toMatch(/^\/[\w-]{32}\/index\.html$/);
      expect(another.origin).not.toBe(session.origin);
    } finally {
      await another.close();
    }
  });

  it('is gone once its window closes', async () => {
    const closing = await serveTraceViewer(readFileSync(tracePath));
    const port = Number(new URL(closing.url).port);
    expect((await request(port, { path: new URL(closing.url).pathname })).status).toBe(200);
    await closing.close();
    await expect(request(port, { path: new URL(closing.url).pathname })).rejects.toThrow();
  });
});
