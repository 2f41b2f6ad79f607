import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { printAndSave, type Bench } from './report';

/**
 * `npm run bench` runs every bench/*.bench.ts; `npm run bench -- NAME` runs bench/NAME.bench.ts.
 * Options a bench reads itself (`--members N`) are not names.
 */
const args = process.argv.slice(2);
const VALUED = new Set(['--members']);
const wanted = args.filter((a, i) => !a.startsWith('-') && !VALUED.has(args[i - 1] ?? ''));
const available = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : available) {
  const mod = (await import(pathToFileURL(path.join(import.meta.dirname, `${name}.bench.ts`)).href)) as { default: Bench };
  const result = await mod.default();
  const file = printAndSave(result);
  console.log(`  -> ${path.relative(process.cwd(), file)}`);
}
