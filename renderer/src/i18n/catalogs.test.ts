import { describe, expect, it } from 'vitest';
import { catalogParts, catalogs, languages } from './catalogs';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

const flat = Object.fromEntries(languages.map((lng) => [lng, leaves(catalogs[lng] as Tree)]));
const ja = flat.ja!;

describe('message catalogs', () => {
  it('no two catalog files claim the same top-level key', () => {
    for (const lng of languages) {
      const keys = catalogParts[lng].flatMap((part) => Object.keys(part));
      expect(keys.filter((key, i) => keys.indexOf(key) !== i), lng).toEqual([]);
    }
  });

  it('Japanese is complete and non-empty', () => {
    expect(ja.size).toBeGreaterThan(0);
    for (const [key, text] of ja) expect(text.trim(), key).not.toBe('');
  });

  for (const lng of languages.filter((l) => l !== 'ja')) {
    it(`${lng} has exactly the keys of ja`, () => {
      const other = flat[lng]!;
      expect([...other.keys()].filter((k) => !ja.has(k)), `in ${lng} but not ja`).toEqual([]);
      expect([...ja.keys()].filter((k) => !other.has(k)), `in ja but not ${lng}`).toEqual([]);
    });

    it(`${lng} uses the same placeholders as ja`, () => {
      const other = flat[lng]!;
      for (const [key, text] of ja) {
        expect(placeholders(other.get(key) ?? ''), `${lng}:${key}`).toEqual(placeholders(text));
        expect((other.get(key) ?? '').trim(), `${lng}:${key}`).not.toBe('');
      }
    });
  }
});
