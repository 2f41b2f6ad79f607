import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Metric {
  metric: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. ">= 50000"; empty when the figure is informational. */
  target: string;
}

export interface BenchResult {
  name: string;
  metrics: Metric[];
  notes?: string[];
}

export type Bench = () => Promise<BenchResult>;

export function printAndSave(result: BenchResult, dir = path.join(import.meta.dirname, 'results')): string {
  const rows = result.metrics.map((m) => [m.metric, formatValue(m.value), m.unit, m.target || '-', verdict(m)]);
  const header = ['metric', 'value', 'unit', 'target', 'ok'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n## ${result.name}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  for (const note of result.notes ?? []) console.log(`  ${note}`);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  writeFileSync(file, JSON.stringify({ name: result.name, metrics: result.metrics }, null, 2) + '\n');
  return file;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** Reads targets of the form ">= 5", "> 5", "<= 5", "< 5". */
export function verdict(m: Metric): string {
  const match = /^(>=|<=|>|<)\s*([\d.,]+)$/.exec(m.target.trim());
  if (!match) return '';
  const bound = Number(match[2]!.replaceAll(',', ''));
  const ok =
    match[1] === '>=' ? m.value >= bound : match[1] === '<=' ? m.value <= bound : match[1] === '>' ? m.value > bound : m.value < bound;
  return ok ? 'yes' : 'NO';
}
