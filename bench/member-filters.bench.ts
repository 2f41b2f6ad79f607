import path from 'node:path';
import { handlers } from '../electron/core/api/handlers';
import { createApi } from '../electron/core/api/registry';
import { openDatabase } from '../electron/core/db/open';
import { createEventBus } from '../electron/core/events';
import type { SyncService } from '../electron/core/sync/types';
import { insertCartCustomer, insertMember, insertTag, tagMember } from '../test/fixtures/replica';
import { tempDir } from '../test/fixtures/tmp';
import type { BenchResult, Metric } from './report';
import { median, percentile, prng } from './stats';

const MEMBERS = 100_000;
const TAGS = 30;
const QUERIES_PER_KIND = 200;

interface CsvPart {
  contentBase64: string;
  nextAfterId: number | null;
  rows: number;
}

/**
 * The member list's tag filters (all / any / none, alone and with a name) over 100,000 members
 * through the real handler, against the single-tag filter of the same rows as the baseline; and
 * the CSV export of every member part by part, with how far the heap grows while it runs.
 */
export default async function memberFiltersBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-member-filters-');
  const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
  const random = prng(20261204);
  const tag = () => 1 + Math.floor(random() * TAGS);
  db.transaction(() => {
    for (let t = 1; t <= TAGS; t++) insertTag(db, t, `タグ${t}`);
    for (let id = 1; id <= MEMBERS; id++) {
      insertMember(db, { id, displayName: `会員${id}${id % 7 === 0 ? '🌸' : ''}`, name: `山田 ${id}`, phone: `090-0000-${String(id % 10_000).padStart(4, '0')}`, email: `m${id}@example.jp` });
      insertCartCustomer(db, { id, memberId: id, customerNumber: `EC${String(id).padStart(8, '0')}` });
      const tags = new Set<number>();
      for (let k = 0; k < 4; k++) if (random() < 0.5) tags.add(tag());
      for (const t of tags) tagMember(db, id, t, 'cloud');
    }
  })();
  db.exec('ANALYZE');

  const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: {} as SyncService });
  const call = async <T>(name: string, args: object): Promise<T> => {
    const outcome = await api.call(name, args);
    if ('error' in outcome) throw new Error(outcome.error.message);
    return outcome.result as T;
  };
  const kinds: Record<string, () => object> = {
    single_tag_baseline: () => ({ tag: tag() }),
    all_of_two: () => ({ tags: { all: [tag(), tag()] } }),
    any_of_three: () => ({ tags: { any: [tag(), tag(), tag()] } }),
    none_of_two: () => ({ tags: { none: [tag(), tag()] } }),
    all_none_and_name: () => ({ query: `山田 ${1 + Math.floor(random() * 99)}`, tags: { all: [tag()], none: [tag()] } }),
  };
  const metrics: Metric[] = [];
  const notes: string[] = [];
  const p99s = new Map<string, number>();
  for (const [kind, makeArgs] of Object.entries(kinds)) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < QUERIES_PER_KIND; i++) {
      const args = makeArgs();
      const start = performance.now();
      found += (await call<{ total: number }>('members.search', { ...args, pageSize: 50 })).total;
      times.push(performance.now() - start);
    }
    notes.push(`${kind}: ${QUERIES_PER_KIND} queries, ${Math.round(found / QUERIES_PER_KIND)} matches on average`);
    metrics.push({ metric: `${kind}_median_ms`, value: median(times), unit: 'ms', target: '' });
    metrics.push({ metric: `${kind}_p99_ms`, value: percentile(times, 99), unit: 'ms', target: '' });
    p99s.set(kind, percentile(times, 99));
  }
  // Against the single-tag filter of the same run, so a busy machine slows both alike.
  const baseline = p99s.get('single_tag_baseline')!;
  for (const [kind, p99] of p99s) {
    if (kind !== 'single_tag_baseline') metrics.push({ metric: `${kind}_p99_vs_single_tag`, value: p99 / baseline, unit: 'x', target: '< 3' });
  }

  // With NODE_OPTIONS=--expose-gc the heap is measured after collecting each part's garbage, so
  // the figure is what the export keeps, not what it has yet to free.
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  let bytes = 0;
  let rows = 0;
  let afterId: number | null = null;
  const start = performance.now();
  do {
    const part: CsvPart = await call<CsvPart>('members.exportCsv', { encoding: 'cp932', afterId });
    // The screen keeps each part as it comes; here only its size is kept, as the file's bytes are the screen's.
    bytes += Buffer.byteLength(part.contentBase64, 'base64');
    rows += part.rows;
    afterId = part.nextAfterId;
    global.gc?.();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  } while (afterId !== null);
  metrics.push({ metric: 'csv_export_all_seconds', value: (performance.now() - start) / 1000, unit: 's', target: '' });
  metrics.push({ metric: 'csv_export_heap_growth_mb', value: (heapPeak - heapBefore) / 1_048_576, unit: 'MB', target: global.gc ? '< 16' : '' });
  notes.push(`CSV export: ${rows} members, ${(bytes / 1_048_576).toFixed(1)} MB in CP932`);
  if (rows !== MEMBERS) throw new Error(`The export wrote ${rows} members of ${MEMBERS}.`);
  notes.push(`${MEMBERS} members with up to 4 of ${TAGS} tags; the baseline is the single-tag filter the list had before`);
  db.close();
  tmp.remove();
  return { name: 'member-filters', metrics, notes };
}
