import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newArtifactsFolder, pruneArtifacts } from './artifacts';

let root: string;
const now = new Date('2025-06-30T00:00:00Z');

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'tanto-prune-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function failureFolder(name: string, daysOld: number, megabytes: number): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir);
  await writeFile(path.join(dir, 'trace.zip'), Buffer.alloc(megabytes * 1024 * 1024));
  const when = new Date(now.getTime() - daysOld * 86_400_000);
  await utimes(dir, when, when);
  return dir;
}

describe('artifact retention', () => {
  it('removes folders older than the age limit', async () => {
    await failureFolder('old', 40, 1);
    await failureFolder('recent', 2, 1);
    const result = await pruneArtifacts(root, { maxAgeDays: 30, maxMegabytes: 100, now });
    expect(result.removed.map((d) => path.basename(d))).toEqual(['old']);
    expect(await readdir(root)).toEqual(['recent']);
  });

  it('then removes the oldest until the rest fit the size limit', async () => {
    await failureFolder('a', 5, 3);
    await failureFolder('b', 4, 3);
    await failureFolder('c', 3, 3);
    const result = await pruneArtifacts(root, { maxAgeDays: 30, maxMegabytes: 7, now });
    expect(result.removed.map((d) => path.basename(d))).toEqual(['a']);
    expect(result).toMatchObject({ keptFolders: 2, keptBytes: 6 * 1024 * 1024 });
  });

  it('is a no-op for a folder that does not exist yet', async () => {
    expect(await pruneArtifacts(path.join(root, 'none'), { maxAgeDays: 1, maxMegabytes: 1 })).toEqual({ removed: [], keptFolders: 0, keptBytes: 0 });
  });

  it('names a failure folder by time and flow only', async () => {
    const dir = await newArtifactsFolder(root, 'createOrder', new Date('2025-06-01T12:34:56.789Z'));
    expect(path.basename(dir)).toMatch(/^2025-06-01T123456Z_createOrder_[0-9a-f]{6}$/);
  });
});
