import path from 'node:path';
import { handlers } from '../electron/core/api/handlers';
import { createApi, type Api } from '../electron/core/api/registry';
import { openDatabase } from '../electron/core/db/open';
import { createEventBus } from '../electron/core/events';
import type { SyncService } from '../electron/core/sync/types';
import { createRuleRunner } from '../electron/core/tags/rule-runner';
import { createPrng } from '../sandbox/cloud/prng';
import { generateRules, generateShop } from '../test/fixtures/random-shop';
import { tempDir } from '../test/fixtures/tmp';
import type { BenchResult } from './report';
import { percentile } from './stats';

const MEMBERS = membersOption(process.argv.slice(2)) ?? 1_000_000;
const ORDERS = MEMBERS * 5;
const RULES = 50;
/** A call every few milliseconds, as several screens polling and staff typing would make. */
const INTERVAL_MS = 5;
const IDLE_CALLS = 1_000;
const NOW = new Date('2026-11-23T03:00:00.000Z');

function membersOption(args: string[]): number | null {
  const at = args.indexOf('--members');
  const value = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--members='))?.slice('--members='.length);
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--members takes a whole number of members, not ${value}.`);
  return n;
}

type Call = [name: string, args: (k: number) => unknown];

/**
 * The member list, page after page. members.get and loc.list are left out: both read the whole
 * outbox (the member's unsent tag changes, the LOC screen's unsent operations), which a full
 * evaluation fills with one operation per change and nothing empties here, so they would time
 * the outbox's size, not the wait behind the evaluation.
 */
const CALLS: Call[] = [['members.search', (k) => ({ page: 1 + (k % 20), pageSize: 50 })]];

/**
 * Calls the API every INTERVAL_MS until `until()` is true (or `count` calls were made), each
 * latency measured from the moment the call was due. When the thread was busy past several such
 * moments, one call is made for them all and its answer counts for each, from its own moment:
 * the calls a client would have sent meanwhile waited at least that long (making them all would
 * only pile up work the thread never catches up with on a loaded PC).
 */
async function probe(api: Api, stop: { until?: () => boolean; count?: number }): Promise<number[]> {
  const latencies: number[] = [];
  let due = performance.now();
  let k = 0;
  const more = () => (stop.until ? !stop.until() : k < (stop.count ?? 0));
  while (more()) {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const missed: number[] = [];
    for (const now = performance.now(); due <= now; due += INTERVAL_MS) missed.push(due);
    if (missed.length === 0) continue;
    const [name, args] = CALLS[k % CALLS.length]!;
    k += 1;
    const outcome = await api.call(name, args(k));
    if ('error' in outcome) throw new Error(`${name} failed: ${outcome.error.message}`);
    const answered = performance.now();
    for (const at of missed) latencies.push(answered - at);
  }
  return latencies;
}

/**
 * API latency while every member of a shop of 1,000,000 members and 5,000,000 orders is
 * evaluated against 50 rules from no rule tags (what saving a rule starts), beside the same calls
 * on the idle core, measured in the same run. Wired as createCore wires it: one thread, one
 * connection, the API and the rule runner sharing them.
 */
export default async function responsiveBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-responsive-');
  const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
  const notes: string[] = [];
  try {
    console.log(`responsive: seeding ${MEMBERS} members…`);
    let t = performance.now();
    generateShop(db, { members: MEMBERS, orders: ORDERS, seed: 11, now: NOW });
    notes.push(`Shop: ${MEMBERS} members, ${ORDERS} orders planned, generated in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

    const rules = generateRules(createPrng(50), RULES);
    const clock = { now: () => NOW };
    const events = createEventBus();
    const runner = createRuleRunner({ db, events, clock, loadRules: () => rules });
    const api = createApi(handlers, { db, clock, events, sync: {} as SyncService, tagRuleProgress: () => runner.progress() }, (message, error) =>
      console.error(`${message}: ${String(error)}`),
    );
    let progressEvents = 0;
    events.on('tagRules.progress', () => (progressEvents += 1));

    console.log('responsive: calls on the idle core…');
    const idle = await probe(api, { count: IDLE_CALLS });
    console.log('responsive: calls during a full evaluation…');

    let finished = false;
    t = performance.now();
    const run = runner.runAllInBatches().finally(() => (finished = true));
    const busy = await probe(api, { until: () => finished });
    const result = await run;
    const evaluationS = (performance.now() - t) / 1000;
    if (!result) throw new Error('The evaluation ended without a result.');

    notes.push(
      `Full evaluation in batches: ${result.changes} changes (${result.adds} added, ${result.removes} removed) for ${result.evaluated} members in ${evaluationS.toFixed(1)} s, ${progressEvents} progress events.`,
      `Calls, in turn every ${INTERVAL_MS} ms: ${CALLS.map(([name]) => name).join(', ')}; latency from when each was due to its answer.`,
    );
    return {
      name: 'responsive',
      metrics: [
        { metric: 'members', value: MEMBERS, unit: 'members', target: '' },
        { metric: 'rules', value: rules.length, unit: 'rules', target: '' },
        { metric: 'evaluation_s', value: evaluationS, unit: 's', target: '' },
        { metric: 'changes', value: result.changes, unit: 'changes', target: '' },
        { metric: 'idle_api_calls', value: idle.length, unit: 'calls', target: '' },
        { metric: 'idle_api_p50_ms', value: percentile(idle, 50), unit: 'ms', target: '' },
        { metric: 'idle_api_p99_ms', value: percentile(idle, 99), unit: 'ms', target: '' },
        { metric: 'api_calls', value: busy.length, unit: 'calls', target: '' },
        { metric: 'api_p50_ms', value: percentile(busy, 50), unit: 'ms', target: '' },
        { metric: 'api_p99_ms', value: percentile(busy, 99), unit: 'ms', target: '< 100' },
        { metric: 'api_max_ms', value: Math.max(...busy), unit: 'ms', target: '' },
      ],
      notes,
    };
  } finally {
    db.close();
    tmp.remove();
  }
}
