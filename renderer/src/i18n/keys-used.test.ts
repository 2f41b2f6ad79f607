import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, languages } from './catalogs';

type Tree = { [key: string]: string | Tree };

const srcDir = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return node;
}

/** `t('a.b')` calls, and the fixed part before the first `${` of `t(`a.b.${x}`)` calls. */
function keysIn(source: string): { exact: string[]; prefixes: string[] } {
  const exact = [...source.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!);
  const prefixes = [...source.matchAll(/\bt\(\s*`([^`$]*)\$\{/g)].map((m) => m[1]!.replace(/\.$/, ''));
  return { exact, prefixes };
}

const files = sourceFiles(srcDir);

describe('every message key the renderer asks for', () => {
  it('finds the calls it checks', () => {
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap((f) => keysIn(readFileSync(f, 'utf8')).exact).length).toBeGreaterThan(100);
  });

  for (const lng of languages) {
    it(`exists in the ${lng} catalog`, () => {
      const catalog = catalogs[lng] as unknown as Tree;
      const missing: string[] = [];
      for (const file of files) {
        const { exact, prefixes } = keysIn(readFileSync(file, 'utf8'));
        const where = path.relative(srcDir, file);
        for (const key of exact) if (typeof lookup(catalog, key) !== 'string') missing.push(`${where}: ${key}`);
        // A key built at run time must at least land in a group of messages.
        for (const prefix of prefixes) if (typeof lookup(catalog, prefix) !== 'object') missing.push(`${where}: ${prefix}.*`);
      }
      expect(missing).toEqual([]);
    });
  }
});
