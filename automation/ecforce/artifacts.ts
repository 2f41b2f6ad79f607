import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Screenshots and traces of failed flows hold customers' personal data, so each failure gets
 * its own folder under the app's data folder and old ones are pruned by age and total size.
 * Folder names carry the time and the flow's name only.
 */
export async function newArtifactsFolder(root: string, flow: string, now: Date): Promise<string> {
  const stamp = now.toISOString().replaceAll(':', '').replace(/\.\d+Z$/, 'Z');
  const dir = path.join(root, `${stamp}_${flow.replace(/[^A-Za-z0-9_-]/g, '')}_${randomBytes(3).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

export interface PruneOptions {
  /** Folders older than this many days are removed. */
  maxAgeDays: number;
  /** Then the oldest are removed until the rest fit in this many megabytes. */
  maxMegabytes: number;
  now?: Date;
}

export interface PruneResult {
  removed: string[];
  keptFolders: number;
  keptBytes: number;
}

interface Entry {
  dir: string;
  modified: number;
  bytes: number;
}

/** Prunes one artifacts root: every direct subfolder is one failure's evidence. */
export async function pruneArtifacts(root: string, options: PruneOptions): Promise<PruneResult> {
  const now = (options.now ?? new Date()).getTime();
  let names: string[];
  try {
    names = await readdir(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { removed: [], keptFolders: 0, keptBytes: 0 };
    throw error;
  }
  const entries: Entry[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const info = await stat(dir);
    if (!info.isDirectory()) continue;
    entries.push({ dir, modified: info.mtimeMs, bytes: await folderBytes(dir) });
  }
  entries.sort((a, b) => a.modified - b.modified);
  const removed: string[] = [];
  const maxAgeMs = options.maxAgeDays * 86_400_000;
  const maxBytes = options.maxMegabytes * 1024 * 1024;
  let total = entries.reduce((sum, e) => sum + e.bytes, 0);
  const kept: Entry[] = [];
  for (const entry of entries) {
    if (now - entry.modified > maxAgeMs) {
      await rm(entry.dir, { recursive: true, force: true });
      removed.push(entry.dir);
      total -= entry.bytes;
    } else kept.push(entry);
  }
  while (total > maxBytes && kept.length > 0) {
    const oldest = kept.shift()!;
    await rm(oldest.dir, { recursive: true, force: true });
    removed.push(oldest.dir);
    total -= oldest.bytes;
  }
  return { removed, keptFolders: kept.length, keptBytes: total };
}

async function folderBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    bytes += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return bytes;
}
