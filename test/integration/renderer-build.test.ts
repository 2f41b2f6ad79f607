import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rendererBuildNeeded } from '../../scripts/renderer-build';

const root = mkdtempSync(path.join(os.tmpdir(), 'tanto-renderer-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const file = (relative: string, secondsAgo: number) => {
  const full = path.join(root, relative);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, relative);
  const at = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(full, at, at);
};

describe('whether the screens need building', () => {
  it('says missing before any build, stale once a source or the lock file is newer than it, and nothing when it is newest', () => {
    file('renderer/src/App.tsx', 300);
    file('package-lock.json', 300);
    expect(rendererBuildNeeded(root)).toBe('missing');
    file('renderer/dist/index.html', 200);
    file('renderer/dist/assets/index.js', 10);
    expect(rendererBuildNeeded(root)).toBeNull();
    file('renderer/src/loc/Dashboard.tsx', 100);
    expect(rendererBuildNeeded(root)).toBe('stale');
    file('renderer/dist/index.html', 50);
    expect(rendererBuildNeeded(root)).toBeNull();
    file('package-lock.json', 20);
    expect(rendererBuildNeeded(root)).toBe('stale');
  });
});
