import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestShell, type TestShell } from './test-fixture';

let tmp: string;
let shell: TestShell;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tanto-trace-viewer-'));
  mkdirSync(path.join(tmp, 'dist'));
  writeFileSync(path.join(tmp, 'dist', 'index.html'), '<!doctype html><title>built renderer</title>');
  shell = await startTestShell({ rendererDir: path.join(tmp, 'dist') });
});
afterAll(async () => {
  await shell.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('headless shell: the trace viewer', () => {
  it("serves Playwright's viewer and its service worker under /trace-viewer/, framing only itself", async () => {
    const page = await request(shell.port, { path: '/trace-viewer/index.html' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Playwright Trace Viewer');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = page.headers['content-security-policy'] ?? '';
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    const worker = await request(shell.port, { path: '/trace-viewer/sw.bundle.js' });
    expect(worker.status).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['content-security-policy']).toContain("connect-src 'self' blob:");
  });

  it('keeps the renderer under its own policy and reads nothing outside the viewer', async () => {
    const app = await request(shell.port, { path: '/' });
    expect(app.headers['x-frame-options']).toBe('DENY');
    expect(app.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const escape of ['/trace-viewer/../../package.json', '/trace-viewer/%2e%2e/%2e%2e/package.json', '/trace-viewer/..%2F..%2Fpackage.json']) {
      const answer = await request(shell.port, { path: escape });
      expect(answer.body, escape).not.toContain('"name": "playwright-core"');
    }
    expect((await request(shell.port, { path: '/trace-viewer/missing.js' })).status).toBe(404);
  });
});
