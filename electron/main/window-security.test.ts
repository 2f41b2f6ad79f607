import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures/tmp';
import { serveAppFile } from './app-files';
import { APP_CSP } from './csp';
import { appWindowOptions } from './window-options';

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

describe('the app window', () => {
  it('runs the renderer isolated, sandboxed and without Node, with only the preload', () => {
    const prefs = appWindowOptions('/app/dist-electron/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('allows only the app’s own origin in its CSP', () => {
    const directives = Object.fromEntries(APP_CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'self'",
      'script-src': "'self'",
      'object-src': "'none'",
      'frame-ancestors': "'none'",
      'base-uri': "'none'",
    });
    expect(APP_CSP).not.toMatch(/unsafe-(inline|eval)|\*|ws:|http:/);
  });
});

describe('app:// files', () => {
  function build() {
    const tmp = tempDir('tanto-app-files-');
    cleanups.push(tmp.remove);
    const root = path.join(tmp.dir, 'dist');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Tanto</title>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside');
    symlinkSync(path.join(tmp.dir, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
    return root;
  }

  it('serves the build with the CSP, and index.html for the app’s routes', async () => {
    const root = build();
    const js = await serveAppFile(root, 'app://tanto/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(await js.text()).toBe('console.log(1)');
    const route = await serveAppFile(root, 'app://tanto/members');
    expect(await route.text()).toContain('<title>Tanto</title>');
  });

  it.each([
    'app://tanto/assets/missing.js',
    'app://tanto/%2e%2e/secret.txt',
    'app://tanto/assets/..%2f..%2fsecret.txt',
    'app://tanto/assets/link.txt',
    'app://other/index.html',
    'app://tanto/%E0%A4%A.js',
  ])('answers 404 for %s', async (url) => {
    const response = await serveAppFile(build(), url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('outside');
  });
});
