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
const QUERIES_PER_KIND = 200;
const families = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '佐々木', '山口', '松本'];
const readings = ['サトウ', 'スズキ', 'タカハシ', 'タナカ', 'イトウ', 'ワタナベ', 'ヤマモト', 'ナカムラ', 'コバヤシ', 'カトウ', 'ヨシダ', 'ヤマダ', 'ササキ', 'ヤマグチ', 'マツモト'];
const toHiragana = (text: string) => text.replace(/[\u30a1-\u30f6]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
/** The forms a phone is typed in: as stored, +81, full-width digits, parentheses. */
const phoneForms = [
  (p: string) => p,
  (p: string) => `+81 ${p.slice(1)}`,
  (p: string) => p.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)),
  (p: string) => `(${p.slice(0, 3)}) ${p.slice(4)}`,
];
const givens = ['太郎', '花子', '健太', '美咲', '翔', '陽菜', '大輝', 'さくら', '蓮', '結衣', '悠真', '葵'];

/** members.search over 100,000 members through the real handler, against a plain LIKE scan of the same rows. */
export default async function searchBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-search-');
  const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
  const random = prng(20261123);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const phones: string[] = [];
  db.transaction(() => {
    for (let t = 1; t <= 30; t++) insertTag(db, t, `タグ${t}`);
    for (let id = 1; id <= MEMBERS; id++) {
      const family = Math.floor(random() * families.length);
      const name = `${families[family]} ${pick(givens)}`;
      const phone = `090-${String(Math.floor(random() * 1e4)).padStart(4, '0')}-${String(id % 10_000).padStart(4, '0')}`;
      phones.push(phone);
      // Stored phones come in the forms shops receive them in, as the searches type them.
      const stored = phoneForms[id % phoneForms.length]!(phone);
      insertMember(db, { id, displayName: `${name}${id % 7 === 0 ? '🌸' : ''}`, name, nameKana: readings[family], phone: stored, email: `member${id}@example.jp` });
      insertCartCustomer(db, { id, memberId: id, customerNumber: `EC${String(id).padStart(8, '0')}` });
      const tags = new Set<number>();
      for (let k = 0; k < 3; k++) if (random() < 0.4) tags.add(1 + Math.floor(random() * 30));
      for (const tag of tags) tagMember(db, id, tag, 'cloud');
    }
  })();
  db.exec('ANALYZE');

  const noSync = { status: () => { throw new Error('not used'); }, now: () => Promise.reject(new Error('not used')) } as unknown as SyncService;
  const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: noSync });
  const kinds: Record<string, () => object> = {
    name: () => ({ query: random() < 0.5 ? pick(families) : `${pick(families)} ${pick(givens).slice(0, 1)}` }),
    phone: () => ({ query: pick(phones).slice(0, 8) }),
    phone_any_form: () => ({ query: pick(phoneForms)(pick(phones)) }),
    kana: () => ({ query: toHiragana(pick(readings)) }),
    tag: () => ({ tag: `タグ${1 + Math.floor(random() * 30)}` }),
  };
  const scan = db.prepare(
    `SELECT m.id, count(*) OVER () AS total FROM members m
     WHERE m.display_name LIKE @q OR m.name LIKE @q OR replace(m.phone, '-', '') LIKE @q OR m.email LIKE @q
     ORDER BY m.id LIMIT 50`,
  );

  const metrics: Metric[] = [];
  const allP99: number[] = [];
  const notes: string[] = [];
  for (const [kind, makeArgs] of Object.entries(kinds)) {
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < QUERIES_PER_KIND; i++) {
      const args = makeArgs();
      const start = performance.now();
      const outcome = await api.call('members.search', { ...args, pageSize: 50 });
      times.push(performance.now() - start);
      if ('error' in outcome) throw new Error(outcome.error.message);
      found += (outcome.result as { total: number }).total;
    }
    allP99.push(percentile(times, 99));
    notes.push(`${kind}: ${QUERIES_PER_KIND} queries, ${Math.round(found / QUERIES_PER_KIND)} matches on average`);
    metrics.push({ metric: `${kind}_median_ms`, value: median(times), unit: 'ms', target: '' });
    metrics.push({ metric: `${kind}_p99_ms`, value: percentile(times, 99), unit: 'ms', target: '< 50' });
  }
  const baseline: number[] = [];
  for (let i = 0; i < QUERIES_PER_KIND; i++) {
    const q = i % 2 === 0 ? `%${pick(families)} ${pick(givens).slice(0, 1)}%` : `%${pick(phones).replaceAll('-', '').slice(0, 8)}%`;
    const start = performance.now();
    scan.all({ q });
    baseline.push(performance.now() - start);
  }
  metrics.push({ metric: 'p99_ms', value: Math.max(...allP99), unit: 'ms', target: '< 50' });
  metrics.push({ metric: 'baseline_like_scan_p99_ms', value: percentile(baseline, 99), unit: 'ms', target: '' });
  notes.push(`${MEMBERS} members; baseline is a LIKE scan of the same rows without the index`);
  db.close();
  tmp.remove();
  return { name: 'search', metrics, notes };
}
