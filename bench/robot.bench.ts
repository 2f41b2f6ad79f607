import os from 'node:os';
import type { Core } from '../electron/core/app';
import { tempDir } from '../test/fixtures/tmp';
import type { BenchResult, Metric } from './report';
import { callNotes, outsideNote, runTimes, stepNotes, sum, type Batch, type StepMark } from './robot/analysis';
import { createSiteLog, pageSequence, replay, type PageStep } from './robot/site-log';
import type { LinkedCustomer } from '../sandbox/demo/crosssell-world';
import { planFor, startRobot, startShop, type BenchShop } from './robot/shop';
import type { DriverCall } from './robot/timed-drivers';
import { median, percentile } from './stats';

/** Measured cross-sells per number of browser contexts, after each context has signed in once. */
const MEASURED: ReadonlyArray<[contexts: number, requests: number]> = [
  [1, 16],
  [2, 16],
  [4, 24],
];
const REPLAYS = 5;
/** The hot-member batch: each of a few members taps as many different cross-sells, all at once. */
const HOT_MEMBERS = 5;
const HOT_CONFIGS = 10;

/**
 * Full cross-sells through the real robot (lease, journal, ecforce in Chromium, LINE, sync)
 * against the three sandboxes with no faults: seconds per cross-sell with a warm session,
 * requests per hour with 1, 2 and 4 browser contexts, and how much of a flow is the site's
 * own time against a replay of the same pages with plain fetch.
 */
export default async function robotBench(): Promise<BenchResult> {
  const loadBefore = os.loadavg()[0]!;
  const site = createSiteLog();
  const shop = await startShop(70, (r) => site.observe(r));
  const calls: DriverCall[] = [];
  const marks: StepMark[] = [];
  let planned = 0;
  const batches: Batch[] = [];
  const scratch: Array<{ remove(): void }> = [];
  let runSeconds: number[] = [];
  let gapsMs: number[] = [];
  let hot: Batch | null = null;
  try {
    for (const [contexts, requests] of MEASURED) {
      const dir = tempDir('tanto-bench-robot-');
      scratch.push(dir);
      const core = startRobot(shop, dir.dir, contexts, calls, (step, phase, requestId) => void marks.push({ requestId, step, phase, at: performance.now() }));
      try {
        // Each context signs in on its first request; those are not measured.
        await runBatch(core, shop, contexts, () => planned++, contexts);
        const batch = await runBatch(core, shop, requests, () => planned++, contexts);
        batches.push(batch);
        if (contexts === 1) [runSeconds, gapsMs] = runTimes(core, batch.requestIds);
        if (contexts === 2) hot = await runHotBatch(core, shop);
      } finally {
        await core.close();
      }
    }
    if (!hot) throw new Error('the hot-member batch did not run');
    const perHour2 = batches.find((b) => b.contexts === 2)!;
    const perHour = (b: Batch) => Math.round((b.requestIds.length / b.wallMs) * 3_600_000);
    const first = batches[0]!;
    const firstCalls = calls.filter((c) => c.startedAt >= first.from && c.startedAt <= first.to);
    const driverMs = sum(firstCalls.map((c) => c.ms));
    const siteMs = sum(site.between(first.from, first.to).map((r) => r.ms));
    const sequences = sampleSequences(shop, site, marks, calls, first);
    const baseline = await replayAll(shop, sequences);

    const metrics: Metric[] = [
      { metric: 'median_s', value: median(runSeconds), unit: 's', target: '< 4' },
      { metric: 'p95_s', value: percentile(runSeconds, 95), unit: 's', target: '' },
      ...batches.map((b) => ({
        metric: `per_hour_${b.contexts}`,
        value: Math.round((b.requestIds.length / b.wallMs) * 3_600_000),
        unit: 'requests/h',
        target: b.contexts === 2 ? '>= 1000' : '',
      })),
      { metric: 'per_hour_hot_member', value: perHour(hot), unit: 'requests/h', target: '' },
      { metric: 'hot_member_vs_spread', value: perHour(hot) / perHour(perHour2), unit: 'ratio', target: '>= 0.8' },
      { metric: 'site_wait_share', value: siteMs / driverMs, unit: 'share', target: '' },
      ...baseline.map((b) => ({ metric: `driver_ms_${b.kind}`, value: Math.round(b.browserMs), unit: 'ms', target: '' })),
      ...baseline.map((b) => ({ metric: `bare_http_ms_${b.kind}`, value: Math.round(b.bareMs), unit: 'ms', target: '' })),
    ];
    const notes = [
      `median_s, p95_s: ${runSeconds.length} cross-sells with 1 context, each from its run's start to its finish (robot_runs)`,
      ...batches.map((b) => `per_hour_${b.contexts}: ${b.requestIds.length} cross-sells in ${(b.wallMs / 1000).toFixed(1)} s, from the sync that brought them to the last one done`),
      `per_hour_hot_member: ${hot.requestIds.length} cross-sells from ${HOT_MEMBERS} members (${HOT_CONFIGS} different cross-sells each, tapped together) with 2 contexts in ${(hot.wallMs / 1000).toFixed(1)} s; one member's requests are worked one after the other`,
      `hot_member_vs_spread: per_hour_hot_member over per_hour_2 (${perHour(perHour2)}/h, every request from a different member), measured in this run`,
      `site_wait_share: the ecforce sandbox's own handling time (${Math.round(siteMs)} ms) over the driver calls' time (${Math.round(driverMs)} ms) in the 1-context batch`,
      ...baseline.map(
        (b) => `${b.kind} cross-sell: ${b.pages} pages; its driver calls took ${Math.round(b.browserMs)} ms in Chromium, the same pages with plain fetch ${Math.round(b.bareMs)} ms (median of ${REPLAYS})`,
      ),
      `load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after, on ${os.cpus().length} cores: other work on the machine slows every figure`,
      `between one run's finish and the next one's start (hand-back with sync, lease, journal): median ${Math.round(median(gapsMs))} ms over ${gapsMs.length}`,
      ...batches.map((b) => outsideNote(b, marks, calls)),
      ...stepNotes(marks, first.requestIds),
      ...callNotes(firstCalls),
    ];
    return { name: 'robot', metrics, notes };
  } finally {
    await shop.close();
    for (const dir of scratch) dir.remove();
  }
}

type Tap = { customer: LinkedCustomer; configId: number };

async function runBatch(core: Core, shop: BenchShop, count: number, next: () => number, contexts: number): Promise<Batch> {
  return runTaps(core, shop, Array.from({ length: count }, () => planFor(shop.world, next())), contexts);
}

/**
 * A few members each tap many different cross-sells at once (no repeat taps: each config once per
 * member). One member is worked at a time, so with more members than contexts every context still
 * has work: the serialization should cost little here.
 */
async function runHotBatch(core: Core, shop: BenchShop): Promise<Batch> {
  const configIds = addSingleConfigs(shop, HOT_CONFIGS);
  const members = shop.world.customers.filter((c) => c.runningSubscriptions === 0).slice(-HOT_MEMBERS);
  if (members.length < HOT_MEMBERS) throw new Error('not enough customers for the hot-member batch');
  return runTaps(core, shop, configIds.flatMap((configId) => members.map((customer) => ({ customer, configId }))), 2);
}

/** The taps made in the cloud, then timed from the sync that brings them to the last one done. */
async function runTaps(core: Core, shop: BenchShop, taps: Tap[], contexts: number): Promise<Batch> {
  const requestIds: number[] = [];
  const customers = new Map<number, string>();
  for (const { customer, configId } of taps) {
    const requestId = await shop.world.tap(customer.memberId, configId);
    requestIds.push(requestId);
    customers.set(requestId, customer.customerNumber);
  }
  const from = performance.now();
  await core.sync.now();
  core.robot?.start();
  core.robot?.wake();
  await core.robot?.whenIdle();
  const to = performance.now();
  const done = core.db.prepare(`SELECT count(*) FROM loc_requests WHERE status = 'done' AND id IN (${requestIds.join(',')})`).pluck().get() as number;
  if (done !== taps.length) throw new Error(`only ${done} of ${taps.length} cross-sells ended done`);
  return { contexts, requestIds, customers, wallMs: to - from, from, to };
}

/** Copies of the shop's single-product cross-sell under other names, so one member may tap each once. */
function addSingleConfigs(shop: BenchShop, count: number): number[] {
  const store = shop.cloud.store;
  const single = store.crosssellConfigs.get(shop.world.configIds.single);
  if (!single) throw new Error('no single-product cross-sell');
  const ids: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = Math.max(...store.crosssellConfigs.keys()) + 1;
    store.upsert('crosssell_config', { ...single, id, name: `${single.name} ${n + 1}`, updatedAt: new Date().toISOString() });
    ids.push(id);
  }
  return ids;
}

/** One warm cross-sell of each kind from the 1-context batch, as the pages its driver calls asked for. */
function sampleSequences(shop: BenchShop, site: ReturnType<typeof createSiteLog>, marks: StepMark[], calls: DriverCall[], batch: Batch) {
  const byKind = new Map<string, { steps: PageStep[]; browserMs: number }>();
  for (const requestId of batch.requestIds.slice(1)) {
    const own = marks.filter((m) => m.requestId === requestId);
    const start = own.find((m) => m.step === 'prepare' && m.phase === 'started')?.at;
    const end = own.find((m) => m.step === 'write_memo' && m.phase === 'acted')?.at;
    if (start === undefined || end === undefined) continue;
    const window = site.between(start, end);
    const kind = window.some((r) => r.url.startsWith('/admin/subs_orders')) ? 'subscription' : 'single';
    if (byKind.has(kind)) continue;
    const browserMs = sum(calls.filter((c) => c.startedAt >= start && c.startedAt <= end).map((c) => c.ms));
    byKind.set(kind, { steps: pageSequence(shop.ecforce, site.answered, window), browserMs });
  }
  return byKind;
}

async function replayAll(shop: BenchShop, sequences: Map<string, { steps: PageStep[]; browserMs: number }>) {
  const out: Array<{ kind: string; pages: number; browserMs: number; bareMs: number }> = [];
  for (const [kind, { steps, browserMs }] of sequences) {
    const times: number[] = [];
    for (let n = 0; n < REPLAYS; n += 1) times.push(await replay(shop.ecforce, steps));
    out.push({ kind, pages: steps.length, browserMs, bareMs: median(times) });
  }
  return out;
}
