import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { safeRelativePath } from './static-files';
import { request, startTestShell, type TestShell } from './test-fixture';

const SECRET = 'TOP-SECRET-OUTSIDE-THE-BUILD';
let tmp: string;
let dist: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'tanto-static-'));
  dist = path.join(tmp, 'dist');
  mkdirSync(path.join(dist, 'assets'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>built renderer</title>');
  writeFileSync(path.join(dist, 'assets', 'app-1234.js'), 'console.log("app")');
  writeFileSync(path.join(dist, '.env'), SECRET);
  writeFileSync(path.join(tmp, 'package.json'), SECRET);
  writeFileSync(path.join(tmp, 'secret.txt'), SECRET);
  symlinkSync(path.join(tmp, 'secret.txt'), path.join(dist, 'linked.txt'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let shell: TestShell | undefined;
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

describe('headless shell: static files', () => {
  it('serves the build with a strict CSP and no token', async () => {
    shell = await startTestShell({ rendererDir: dist });
    const page = await request(shell.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('built renderer');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${shell.port} ws://localhost:${shell.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');

    const asset = await request(shell.port, { path: '/assets/app-1234.js' });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('falls back to index.html for unknown non-API paths, but not for missing files', async () => {
    shell = await startTestShell({ rendererDir: dist });
    const route = await request(shell.port, { path: '/members?q=1' });
    expect(route.status).toBe(200);
    expect(route.body).toContain('built renderer');
    expect((await request(shell.port, { path: '/assets/missing.js' })).status).toBe(404);
    const api = await request(shell.port, { path: '/api/unknown' });
    expect(api.status).toBe(404);
    expect(api.body).not.toContain('built renderer');
  });

  it('never serves files outside the build, hidden files or symlinks out of it', async () => {
    shell = await startTestShell({ rendererDir: dist });
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/secret.txt',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '//..//..//secret.txt',
      '/.env',
      '/%2eenv',
      '/linked.txt',
      '/secret.txt%00.html',
      `/${encodeURIComponent(path.join(tmp, 'secret.txt'))}`,
      '/%',
    ];
    for (const attempt of attempts) {
      const res = await request(shell.port, { path: attempt });
      expect(res.body, attempt).not.toContain(SECRET);
      expect(res.status, attempt).not.toBe(500);
    }
    const direct = await request(shell.port, { path: '/../package.json' });
    expect(direct.status).toBe(404);
  });

  it('serves a placeholder page when the renderer has not been built', async () => {
    shell = await startTestShell({ rendererDir: path.join(tmp, 'not-built') });
    for (const p of ['/', '/members', '/assets/app.js']) {
      const page = await request(shell.port, { path: p });
      expect(page.status, p).toBe(200);
      expect(page.body).toContain('npm run build:renderer');
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    }
  });

  it('answers HEAD without a body and refuses other methods on static paths', async () => {
    shell = await startTestShell({ rendererDir: dist });
    const head = await request(shell.port, { method: 'HEAD', path: '/' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await request(shell.port, { method: 'POST', path: '/' })).status).toBe(405);
  });
});

describe('safeRelativePath', () => {
  it('keeps ordinary paths and refuses escaping ones', () => {
    expect(safeRelativePath('/')).toBe('');
    expect(safeRelativePath('/assets/app.js')).toBe('assets/app.js');
    expect(safeRelativePath('/%E4%BC%9A%E5%93%A1')).toBe('会員');
    for (const bad of ['/../x', '/a/%2e%2e/x', '/a\\b', '/%5c', '/x%00', '/.git/config', '/%']) {
      expect(safeRelativePath(bad), bad).toBeNull();
    }
  });
});
